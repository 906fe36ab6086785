namespace Connectors;

/// <summary>
/// Operations on dead letters: work that cannot proceed (mapping error, permanent platform error, WMS refusal,
/// retries exhausted), kept with its payload, reason, attempt count and timestamps.
/// </summary>
public interface IDeadLetters
{
    /// <summary>Lists dead letters, oldest first.</summary>
    /// <param name="channel">Only this channel's, or <see langword="null"/> for all.</param>
    /// <param name="flow">Only this flow's (see <see cref="ConnectorFlows"/>), or <see langword="null"/> for all.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The dead letters.</returns>
    IAsyncEnumerable<DeadLetter> ListAsync(string? channel = null, string? flow = null, CancellationToken cancellationToken = default);

    /// <summary>Gets one dead letter with its payload.</summary>
    /// <param name="id">The dead letter id (the id of the work item it came from).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The dead letter, or <see langword="null"/>.</returns>
    Task<DeadLetter?> GetAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>
    /// Puts a dead letter back on its queue, due now with attempts reset, so the next pass processes it through the
    /// normal path (fix the cause first: the mapping, the WMS state, the channel's credentials). An inventory dead
    /// letter (flow <c>inventory</c>) un-parks its row instead: the row is due now with attempts reset, the dispatcher
    /// pushes the row's current desired quantity, and the letter is removed.
    /// </summary>
    /// <param name="id">The dead letter id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> when requeued or un-parked; <see langword="false"/> when unknown.</returns>
    /// <exception cref="ConnectorValidationException">An inventory dead letter's payload names no row.</exception>
    Task<bool> ReplayAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Removes a dead letter for good; its work is not done.</summary>
    /// <param name="id">The dead letter id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> when removed.</returns>
    Task<bool> DiscardAsync(string id, CancellationToken cancellationToken = default);
}
