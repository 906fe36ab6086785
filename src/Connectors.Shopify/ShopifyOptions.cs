using System.ComponentModel.DataAnnotations;

namespace Connectors.Shopify;

/// <summary>Settings of one Shopify store connection (one named channel). Validated when the host starts.</summary>
public sealed class ShopifyOptions
{
    /// <summary>The API version every request is pinned to.</summary>
    /// <value>Default <see cref="ShopifyApiVersions.Default"/> (<c>2026-01</c>); <see cref="ShopifyApiVersions.Supported"/> lists the accepted values.</value>
    [Required]
    public string ApiVersion { get; set; } = ShopifyApiVersions.Default;

    /// <summary>The shop's permanent domain, for example <c>store-a.myshopify.com</c>.</summary>
    /// <value>Required unless <see cref="BaseAddress"/> is set.</value>
    public string? ShopDomain { get; set; }

    /// <summary>Overrides the address the client calls (an emulator or a proxy); when null, <c>https://{ShopDomain}/</c>.</summary>
    public Uri? BaseAddress { get; set; }

    /// <summary>The Admin API access token (<c>X-Shopify-Access-Token</c>). Read per request, so a rotated value takes effect without restart.</summary>
    /// <value>Required unless <see cref="ClientId"/> and <see cref="ClientSecret"/> are set for the client-credentials grant.</value>
    public string? AccessToken { get; set; }

    /// <summary>The app's client id, for the OAuth client-credentials grant.</summary>
    public string? ClientId { get; set; }

    /// <summary>The app's client secret, for the OAuth client-credentials grant. Also the default webhook secret.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>Secrets accepted for webhook signatures (during a rotation, the old and the new one). When empty, <see cref="ClientSecret"/> is used.</summary>
    public IList<string> WebhookSecrets { get; } = [];

    /// <summary>The location GID used when an inventory target names <see cref="InventoryTarget.DefaultLocation"/>.</summary>
    /// <value>Default null: such targets are rejected.</value>
    public string? DefaultLocationId { get; set; }

    /// <summary>Quantities per <c>inventorySetQuantities</c> call.</summary>
    /// <value>Default 250 (Shopify's limit); from 1 to 250.</value>
    [Range(1, 250)]
    public int InventoryBatchSize { get; set; } = 250;

    /// <summary>
    /// Compare-and-set for shops where another app also writes stock: each quantity is sent with
    /// <c>changeFromQuantity</c> = the quantity this channel last saw for the item and location (its last applied push,
    /// or a read of the shop's levels, made first when not known). When another app changed it in between, Shopify
    /// answers <c>CHANGE_FROM_QUANTITY_STALE</c>: the conflict is logged (warning), the level re-read and the quantity
    /// sent once more from the value read.
    /// </summary>
    /// <value>Default false: absolute sets (<c>changeFromQuantity: null</c>).</value>
    public bool CompareQuantities { get; set; }

    /// <summary>Orders per page when listing orders.</summary>
    /// <value>Default 25; from 1 to 250. The client shrinks it when the bucket is low.</value>
    [Range(1, 250)]
    public int OrderPageSize { get; set; } = 25;

    /// <summary>Line items read per order (orders with more lines are read with a follow-up query).</summary>
    /// <value>Default 25; from 1 to 100. The remaining lines (and fulfilment order lines) are read with follow-up queries.</value>
    [Range(1, 100)]
    public int OrderLinesPageSize { get; set; } = 25;

    /// <summary>Variants per page when listing the catalog.</summary>
    /// <value>Default 250; from 1 to 250.</value>
    [Range(1, 250)]
    public int CatalogPageSize { get; set; } = 250;

    /// <summary>
    /// Whether the full reads of the shop (catalogue, listing report, every item's inventory levels for reconciliation)
    /// run as one bulk operation (<c>bulkOperationRunQuery</c>: Shopify writes a JSONL file, read line by line) instead of
    /// paged queries. A bulk read costs a few requests whatever the size of the shop, but waits for Shopify to write the
    /// file (seconds to minutes); when Shopify refuses to start one because the app's bulk queries for the shop are at
    /// their limit, the read falls back to paged queries.
    /// </summary>
    /// <value>Default <see cref="ShopifyBulkReadMode.Auto"/>: bulk above <see cref="BulkReadThreshold"/> variants.</value>
    public ShopifyBulkReadMode BulkRead { get; set; } = ShopifyBulkReadMode.Auto;

    /// <summary>The number of product variants above which <see cref="ShopifyBulkReadMode.Auto"/> reads with a bulk operation.</summary>
    /// <value>Default 10,000 (40 catalogue pages of 250); from 0 to 1,000,000.</value>
    [Range(0, 1_000_000)]
    public int BulkReadThreshold { get; set; } = 10_000;

    /// <summary>The first wait between two looks at a running bulk operation; each further wait doubles, up to <see cref="BulkMaxPollInterval"/>.</summary>
    /// <value>Default 1 second; from 1 millisecond to 1 minute.</value>
    public TimeSpan BulkPollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between two looks at a running bulk operation.</summary>
    /// <value>Default 30 seconds; at least <see cref="BulkPollInterval"/> and at most 10 minutes.</value>
    public TimeSpan BulkMaxPollInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a bulk operation may run before the read gives up with a <see cref="ShopifyBulkOperationException"/> (the operation is left to Shopify).</summary>
    /// <value>Default 2 hours; from 1 second to 10 days (Shopify stops a bulk query after 10 days).</value>
    public TimeSpan BulkOperationTimeout { get; set; } = TimeSpan.FromHours(2);

    /// <summary>
    /// The number of products above which one price push runs as a bulk mutation (<c>stagedUploadsCreate</c>, the
    /// variables uploaded as JSONL, <c>bulkOperationRunMutation</c> of <c>productVariantsBulkUpdate</c>, the result read
    /// back per line) instead of one <c>productVariantsBulkUpdate</c> call per product. When Shopify refuses to start it
    /// because the shop's bulk mutations are at their limit, or the upload fails, the push uses the calls per product.
    /// </summary>
    /// <value>Default 100 products; from 0 to 1,000,000 (above the engine's price batch of 250 targets it is never used).</value>
    [Range(0, 1_000_000)]
    public int BulkPriceProductThreshold { get; set; } = 100;

    /// <summary>The tag added to an order when it is acknowledged; null or empty to add none.</summary>
    /// <value>Default <c>wms-received</c>.</value>
    public string? AcknowledgementTag { get; set; } = "wms-received";

    /// <summary>The metafield namespace holding the WMS reference of an acknowledged order.</summary>
    /// <value>Default <c>connectors</c>.</value>
    [Required]
    public string AcknowledgementMetafieldNamespace { get; set; } = "connectors";

    /// <summary>The metafield key holding the WMS reference; null or empty to write no metafield.</summary>
    /// <value>Default <c>wms_reference</c>.</value>
    public string? AcknowledgementMetafieldKey { get; set; } = "wms_reference";

    /// <summary>The longest time one operation may wait for the cost bucket (before sending and after <c>THROTTLED</c>).</summary>
    /// <value>Default 60 seconds; from zero to 1 hour. When exhausted, <see cref="ConnectorRateLimitedException"/> is thrown.</value>
    public TimeSpan ThrottleWaitBudget { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The bucket size assumed before the first response tells the real one.</summary>
    /// <value>Default 1000 points; from 1 to 100000.</value>
    [Range(1, 100_000)]
    public int AssumedBucketSize { get; set; } = 1000;

    /// <summary>The restore rate assumed before the first response tells the real one, in points per second.</summary>
    /// <value>Default 50 points per second (the conservative historical figure); from 1 to 100000.</value>
    [Range(1, 100_000)]
    public int AssumedRestoreRate { get; set; } = 50;

    /// <summary>
    /// Runs the channel as a Shopify fulfilment service (for WMS vendors and 3PLs whose app is one): orders are the
    /// fulfilment requests assigned to the service's location, the acknowledgement accepts or rejects them, and
    /// cancellation requests become cancellations whose WMS answer accepts or rejects them.
    /// </summary>
    /// <value>Default false: orders are read with <c>orders</c> and acknowledged with a tag and metafield only.</value>
    public bool FulfillmentServiceMode { get; set; }

    /// <summary>The fulfilment service's name; it is found by this name, or created with <c>fulfillmentServiceCreate</c>.</summary>
    /// <value>Default <c>Connectors WMS</c>. Used only in <see cref="FulfillmentServiceMode"/> when <see cref="FulfillmentServiceLocationId"/> is not set.</value>
    public string? FulfillmentServiceName { get; set; } = "Connectors WMS";

    /// <summary>The Location GID of the fulfilment service, when already known; skips finding or creating the service.</summary>
    /// <value>Default null: the service is found by <see cref="FulfillmentServiceName"/>, or created, at first use.</value>
    public string? FulfillmentServiceLocationId { get; set; }

    /// <summary>
    /// Moves fulfilment orders to the warehouse that shipped: when a shipment leaves from a location (its
    /// <see cref="FulfillmentRequest.ChannelLocationIds"/>, mapped from the WMS location) whose fulfilment orders do not
    /// hold its lines, the units are moved there first with <c>fulfillmentOrderMove</c> (only from fulfilment orders whose
    /// <c>supportedActions</c> include <c>MOVE</c>), then fulfilled.
    /// </summary>
    /// <value>Default false: such a shipment is refused with a <see cref="ConnectorValidationException"/> naming the
    /// locations, as Shopify assigns each fulfilment order to the location it chose.</value>
    public bool MoveFulfillmentOrders { get; set; }

    /// <summary>
    /// Stocks an item at a location the inventory location mapping pushes it to when Shopify does not stock it there
    /// (<c>ITEM_NOT_STOCKED_AT_LOCATION</c>): <c>inventoryActivate</c> with the pushed quantity as <c>available</c>,
    /// instead of reporting the item <see cref="PushOutcome.NotListed"/> at that location.
    /// </summary>
    /// <value>Default false: the mapping is not taken as an instruction to stock items; such items are reported once.</value>
    public bool ActivateUnstockedInventory { get; set; }

    /// <summary>The callback URL given to <c>fulfillmentServiceCreate</c> (optional since 2026-01; the connector polls instead).</summary>
    /// <value>Default null.</value>
    public Uri? FulfillmentServiceCallbackUrl { get; set; }
}
