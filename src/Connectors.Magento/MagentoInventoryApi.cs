namespace Connectors.Magento;

/// <summary>Which Magento API carries stock levels.</summary>
public enum MagentoInventoryApi
{
    /// <summary>
    /// Multi-Source Inventory, synchronously: <c>POST /V1/inventory/source-items</c> in batches, open reservations added back.
    /// </summary>
    SourceItems = 0,

    /// <summary>
    /// Multi-Source Inventory through the asynchronous bulk API: one <c>POST /async/bulk/V1/inventory/source-items</c> with
    /// a batch per operation, then <c>GET /V1/bulk/{uuid}/status</c> until the store's consumers have run every operation.
    /// Needs the <c>async.operations.all</c> consumers (cron or a supervisor) on the store.
    /// </summary>
    AsyncBulkSourceItems = 1,

    /// <summary>
    /// The legacy CatalogInventory stock items, for stores with MSI disabled: <c>GET /V1/stockItems/{sku}</c> then
    /// <c>PUT /V1/products/{sku}/stockItems/{itemId}</c>, one product per request. There are no reservations to add back:
    /// the legacy stock is decremented when an order is placed.
    /// </summary>
    LegacyStockItems = 2,
}
