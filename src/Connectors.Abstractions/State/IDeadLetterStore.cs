namespace Connectors;

/// <summary>
/// Dead letters: what could not proceed, with its reason and payload, to list, replay or discard. Part of
/// <see cref="ISyncStateStore"/>.
/// </summary>
public partial interface IDeadLetterStore
{
    /// <summary>Stores a dead letter, replacing one with the same id.</summary>
    /// <param name="deadLetter">The dead letter.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when stored.</returns>
    ValueTask AddDeadLetterAsync(DeadLetter deadLetter, CancellationToken cancellationToken = default);

    /// <summary>Lists dead letters, oldest first.</summary>
    /// <param name="channel">Only this channel's, or <see langword="null"/> for all.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The dead letters.</returns>
    IAsyncEnumerable<DeadLetter> ListDeadLettersAsync(string? channel = null, CancellationToken cancellationToken = default);

    /// <summary>Reads one dead letter.</summary>
    /// <param name="id">The id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The dead letter, or <see langword="null"/>.</returns>
    ValueTask<DeadLetter?> GetDeadLetterAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Discards a dead letter.</summary>
    /// <param name="id">The id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> when it existed.</returns>
    ValueTask<bool> RemoveDeadLetterAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>
    /// Atomically removes a dead letter that came from a queue and makes its work item pending again (attempts reset,
    /// due at <paramref name="now"/>), so it goes through the normal path.
    /// </summary>
    /// <param name="id">The dead letter id.</param>
    /// <param name="now">The current time.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> when a queue item was requeued.</returns>
    ValueTask<bool> ReplayDeadLetterAsync(string id, DateTimeOffset now, CancellationToken cancellationToken = default);
}
