namespace Connectors.Shopify;

/// <summary>
/// Shopify-specific set-up operations of a Shopify channel, beside the channel ports. Obtain it like a port:
/// <c>registry.TryGetPort&lt;IShopifyAdministration&gt;("store-a", out var admin)</c>.
/// </summary>
public interface IShopifyAdministration
{
    /// <summary>Lists the shop's locations (for the location mapping). Pages internally.</summary>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The locations.</returns>
    IAsyncEnumerable<ShopifyLocation> ListLocationsAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Finds the shop's variants with these SKUs without listing the whole catalogue (<c>productVariants</c> with a
    /// <c>sku:</c> search, 50 SKUs per query, paged); only exact SKU matches are returned, as
    /// <see cref="ICatalogChannel.ListItemsAsync"/> items (channel item id = InventoryItem GID).
    /// </summary>
    /// <param name="skus">The SKUs to look up.</param>
    /// <param name="cancellationToken">Cancels the calls.</param>
    /// <returns>The items found (none for an unknown SKU; several when variants share a SKU).</returns>
    Task<IReadOnlyList<ChannelItem>> FindItemsBySkuAsync(IReadOnlyCollection<string> skus, CancellationToken cancellationToken = default);

    /// <summary>
    /// Subscribes <paramref name="callback"/> to webhook topics with JSON payloads (<c>webhookSubscriptionCreate</c>).
    /// </summary>
    /// <param name="callback">The HTTPS endpoint that receives the webhooks.</param>
    /// <param name="topics">GraphQL topic names (for example <c>ORDERS_CREATE</c>); null for the ones the engine needs.</param>
    /// <param name="cancellationToken">Cancels the calls.</param>
    /// <returns>A task that completes when every subscription exists.</returns>
    Task SubscribeWebhooksAsync(Uri callback, IReadOnlyList<string>? topics = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Finds the fulfilment service named by <see cref="ShopifyOptions.FulfillmentServiceName"/> or creates it
    /// (<c>fulfillmentServiceCreate</c>), and records its location for the fulfilment-service mode. Called at first use
    /// in that mode; a host may call it at set-up to learn the location id (to configure
    /// <see cref="ShopifyOptions.FulfillmentServiceLocationId"/> or the inventory location mapping).
    /// </summary>
    /// <param name="cancellationToken">Cancels the calls.</param>
    /// <returns>The service and its location.</returns>
    Task<ShopifyFulfillmentService> EnsureFulfillmentServiceAsync(CancellationToken cancellationToken = default);
}
