namespace Connectors;

/// <summary>
/// Idempotency keys: remembers which effects were applied, so that a redelivery is recognised. Part of
/// <see cref="ISyncStateStore"/>.
/// </summary>
public interface IIdempotencyKeyStore
{
    /// <summary>Records an idempotency key unless it is known.</summary>
    /// <param name="key">The key.</param>
    /// <param name="now">The current time (for pruning).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> when new; <see langword="false"/> when seen before.</returns>
    ValueTask<bool> TryAddIdempotencyKeyAsync(string key, DateTimeOffset now, CancellationToken cancellationToken = default);
}
