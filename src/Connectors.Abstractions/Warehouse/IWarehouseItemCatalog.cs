namespace Connectors;

/// <summary>
/// The WMS's item master, implemented by the host. Optional: without it, the listing report knows the SKUs the
/// stock snapshot (<see cref="IWarehouseInventory"/>) names and treats none as discontinued.
/// </summary>
public interface IWarehouseItemCatalog
{
    /// <summary>Every item the WMS knows, in stock or not, with whether it is discontinued. Streams; never buffers all.</summary>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The items.</returns>
    IAsyncEnumerable<WarehouseItem> ListItemsAsync(CancellationToken cancellationToken = default);
}
