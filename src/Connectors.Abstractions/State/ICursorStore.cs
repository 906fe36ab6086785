namespace Connectors;

/// <summary>
/// Named positions in channels' feeds with optimistic concurrency, also used as per-order locks. Part of
/// <see cref="ISyncStateStore"/>.
/// </summary>
public interface ICursorStore
{
    /// <summary>Reads a cursor.</summary>
    /// <param name="channel">The channel instance.</param>
    /// <param name="name">The cursor name.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The cursor, or <see langword="null"/> when never set.</returns>
    ValueTask<SyncCursor?> GetCursorAsync(string channel, string name, CancellationToken cancellationToken = default);

    /// <summary>Sets a cursor if its version is still <paramref name="expectedVersion"/> (0 for a cursor never set).</summary>
    /// <param name="channel">The channel instance.</param>
    /// <param name="name">The cursor name.</param>
    /// <param name="value">The new position.</param>
    /// <param name="expectedVersion">The version read before.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> when set; <see langword="false"/> when another writer got there first.</returns>
    ValueTask<bool> TrySetCursorAsync(string channel, string name, string value, long expectedVersion, CancellationToken cancellationToken = default);

    /// <summary>Deletes a cursor if its version is still <paramref name="expectedVersion"/>; setting it later starts again from version 0.</summary>
    /// <param name="channel">The channel instance.</param>
    /// <param name="name">The cursor name.</param>
    /// <param name="expectedVersion">The version read before.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> when deleted; <see langword="false"/> when it is gone or another writer changed it.</returns>
    ValueTask<bool> TryDeleteCursorAsync(string channel, string name, long expectedVersion, CancellationToken cancellationToken = default);
}
