namespace Connectors;

/// <summary>
/// What the engine knows about each order it accepted: status, warehouse reference, versions. Part of
/// <see cref="ISyncStateStore"/>.
/// </summary>
public interface IOrderRecordStore
{
    /// <summary>Reads an order record.</summary>
    /// <param name="channel">The channel instance.</param>
    /// <param name="orderId">The channel's order id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The record, or <see langword="null"/>.</returns>
    ValueTask<OrderRecord?> GetOrderRecordAsync(string channel, string orderId, CancellationToken cancellationToken = default);

    /// <summary>Stores an order record, replacing the one with the same channel and order id.</summary>
    /// <param name="record">The record.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when stored.</returns>
    ValueTask UpsertOrderRecordAsync(OrderRecord record, CancellationToken cancellationToken = default);

    /// <summary>Lists a channel's order records, ordered by order id.</summary>
    /// <param name="channel">The channel instance.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The records.</returns>
    IAsyncEnumerable<OrderRecord> ListOrderRecordsAsync(string channel, CancellationToken cancellationToken = default);
}
