namespace Connectors;

/// <summary>
/// The inventory engine (WMS -> channel), driven by a host or the hosting package. Stock levels only recompute the
/// desired quantity of each (channel, item, location) row in the state store; <see cref="DispatchAsync"/> pushes rows
/// whose desired quantity the channel has not acknowledged yet. Bursts therefore coalesce, and pending pushes survive
/// a restart.
/// </summary>
public interface IInventorySync
{
    /// <summary>
    /// Records absolute stock levels and recomputes the desired quantity of every channel row they affect. Returns when
    /// the rows are stored; nothing is pushed here. The same as <see cref="IConnectorEvents.PublishStockLevelsAsync"/>.
    /// </summary>
    /// <param name="levels">The new levels; the last one of a SKU and location wins.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the desired quantities are stored.</returns>
    Task RecordStockLevelsAsync(IReadOnlyList<StockLevel> levels, CancellationToken cancellationToken = default);

    /// <summary>
    /// One dispatch pass for a channel: claims due pending rows, pushes them in batches of the channel's
    /// <see cref="ChannelCapabilities.MaxInventoryBatchSize"/> with up to
    /// <see cref="Inventory.InventorySyncOptions.MaxBatchesInFlight"/> at once, acknowledges applied items, dead-letters
    /// and parks rejected ones, and reschedules transient failures with backoff. Returns when no due row is left.
    /// </summary>
    /// <param name="channel">The channel instance name.</param>
    /// <param name="cancellationToken">Cancels the pass; claimed rows are released when their lease ends.</param>
    /// <returns>What the pass did.</returns>
    /// <exception cref="ConnectorException">No inventory channel has that name.</exception>
    Task<InventoryDispatchResult> DispatchAsync(string channel, CancellationToken cancellationToken = default);

    /// <summary>
    /// Reads the whole WMS snapshot from <see cref="IWarehouseInventory"/>, recomputes every row of every inventory
    /// channel and stores the desired quantities; rows the channel already shows stay as they are, so the next
    /// <see cref="DispatchAsync"/> pushes only the differences.
    /// </summary>
    /// <param name="cancellationToken">Cancels the sync.</param>
    /// <returns>Per channel, the rows computed and the ones that differ from what the channel last acknowledged.</returns>
    /// <exception cref="ConnectorException">No <see cref="IWarehouseInventory"/> is registered.</exception>
    Task<InventorySyncReport> FullSyncAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Computes what <see cref="FullSyncAsync"/> would push, per channel, without storing or pushing anything.
    /// </summary>
    /// <param name="cancellationToken">Cancels the computation.</param>
    /// <returns>Per channel, the rows computed and the ones that would be pushed.</returns>
    /// <exception cref="ConnectorException">No <see cref="IWarehouseInventory"/> is registered.</exception>
    Task<InventorySyncReport> DryRunAsync(CancellationToken cancellationToken = default);
}
