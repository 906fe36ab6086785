namespace Connectors;

/// <summary>
/// The WMS's stock, implemented by the host. Changes reach the engine through
/// <see cref="IConnectorEvents.PublishStockLevelsAsync"/>; this port gives the full snapshot for a full sync.
/// </summary>
public interface IWarehouseInventory
{
    /// <summary>The current stock of every SKU at every location (or of the given SKUs). Streams; never buffers all.</summary>
    /// <param name="skus">The SKUs to read, or <see langword="null"/> for all.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The stock levels.</returns>
    IAsyncEnumerable<StockLevel> GetStockLevelsAsync(IReadOnlyCollection<string>? skus = null, CancellationToken cancellationToken = default);
}
