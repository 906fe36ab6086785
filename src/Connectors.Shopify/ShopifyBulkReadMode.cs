namespace Connectors.Shopify;

/// <summary>
/// When the full reads of a shop (the catalogue, the listing report, the inventory levels of every item) use a bulk
/// operation (<c>bulkOperationRunQuery</c>, one JSONL file) instead of paged queries. More modes may be added.
/// </summary>
public enum ShopifyBulkReadMode
{
    /// <summary>Bulk when the shop has more product variants than <see cref="ShopifyOptions.BulkReadThreshold"/> (counted with <c>productVariantsCount</c> before each full read).</summary>
    Auto = 0,

    /// <summary>Always paged queries.</summary>
    Never = 1,

    /// <summary>Always a bulk operation, whatever the size of the shop.</summary>
    Always = 2,
}
