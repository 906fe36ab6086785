using System.ComponentModel.DataAnnotations;

namespace Connectors.Magento;

/// <summary>
/// Settings of one Magento 2 / Adobe Commerce store view (one named channel instance). Read through
/// <c>IOptionsMonitor</c> on every request, so credentials rotate without a restart; validated at start.
/// </summary>
public sealed class MagentoOptions
{
    /// <summary>
    /// The store's base URL, for example <c>https://shop.example/</c>. Requests go to
    /// <c>{BaseUrl}/rest/{StoreCode}/V1/...</c>; a URL that already ends in <c>/rest</c> or <c>/rest/{code}</c> is cut
    /// back to its root. Required.
    /// </summary>
    [Required]
    public Uri? BaseUrl { get; set; }

    /// <summary>
    /// The store view code in the URL (<c>/rest/&lt;store code&gt;/V1</c>). Default <c>default</c>. Use <c>all</c> for
    /// global-scope writes on a multi-store instance.
    /// </summary>
    [Required]
    [RegularExpression("^[a-z0-9_]+$", ErrorMessage = "StoreCode must be a Magento store code: lower-case letters, digits and underscores.")]
    public string StoreCode { get; set; } = "default";

    /// <summary>
    /// The scope the listing actions write a product's <c>status</c> in (<c>PUT /rest/&lt;code&gt;/V1/products/{sku}</c>).
    /// Default <c>all</c>: the default value (store 0), which every store view without a value of its own uses, as the
    /// admin's "All Store Views" does. A store view code writes that store view's own value instead: Magento then keeps a
    /// store-view <c>status</c> that later changes at "All Store Views" no longer reach, and a product save in a store
    /// view's scope is known to copy other attributes to that store view as well (magento/magento2#9186); use it only to
    /// take a product down in one store view of several.
    /// </summary>
    [Required]
    [RegularExpression("^[a-z0-9_]+$", ErrorMessage = "ListingStatusStoreCode must be a Magento store code (or 'all'): lower-case letters, digits and underscores.")]
    public string ListingStatusStoreCode { get; set; } = "all";

    /// <summary>
    /// The store ids whose orders belong to this channel (<c>store_id</c> filter of the order poll). Default empty: every
    /// order of the instance.
    /// </summary>
    public IList<int> OrderStoreIds { get; } = [];

    /// <summary>How requests authenticate. Default <see cref="MagentoAuthMode.Automatic"/>.</summary>
    public MagentoAuthMode AuthMode { get; set; } = MagentoAuthMode.Automatic;

    /// <summary>The OAuth 1.0a signature method. Default <see cref="MagentoSignatureMethod.HmacSha256"/>.</summary>
    public MagentoSignatureMethod SignatureMethod { get; set; } = MagentoSignatureMethod.HmacSha256;

    /// <summary>The integration's consumer key (OAuth 1.0a).</summary>
    public string? ConsumerKey { get; set; }

    /// <summary>The integration's consumer secret (OAuth 1.0a). Never logged.</summary>
    public string? ConsumerSecret { get; set; }

    /// <summary>The integration's access token: signed with OAuth 1.0a, or sent alone as a bearer token. Never logged.</summary>
    public string? AccessToken { get; set; }

    /// <summary>The integration's access token secret (OAuth 1.0a). Never logged.</summary>
    public string? AccessTokenSecret { get; set; }

    /// <summary>The admin user name of <see cref="MagentoAuthMode.AdminUser"/>.</summary>
    public string? Username { get; set; }

    /// <summary>The admin user's password. Never logged.</summary>
    public string? Password { get; set; }

    /// <summary>
    /// How long an admin token lives (the store's <em>Admin Token Lifetime (hours)</em>). Default four hours, Magento's
    /// default.
    /// </summary>
    public TimeSpan AdminTokenLifetime { get; set; } = TimeSpan.FromHours(4);

    /// <summary>How long before its end of life an admin token is renewed. Default five minutes.</summary>
    public TimeSpan AdminTokenRenewBefore { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// WMS location id to MSI source code. A target whose location is not in the map goes to <see cref="DefaultSourceCode"/>
    /// when the location is <see cref="InventoryTarget.DefaultLocation"/>, and is rejected otherwise. Default empty.
    /// </summary>
    public IDictionary<string, string> SourceCodes { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The source of a single-source store (MSI's <c>default</c> source). Default <c>default</c>.</summary>
    [Required]
    public string DefaultSourceCode { get; set; } = "default";

    /// <summary>
    /// Adds the open Magento reservations of an item (ordered, neither shipped nor cancelled nor refunded) to the source
    /// quantity pushed to <see cref="ReservationSourceCode"/>, so Magento's salable quantity (source quantity minus
    /// reservations) equals the WMS's available-to-sell instead of counting open orders twice. Default <see langword="true"/>.
    /// </summary>
    public bool CompensateReservations { get; set; } = true;

    /// <summary>
    /// The source whose pushed quantity carries the open reservations. Default <see langword="null"/>: <see cref="DefaultSourceCode"/>.
    /// </summary>
    public string? ReservationSourceCode { get; set; }

    /// <summary>The API stock levels are written to and read from. Default <see cref="MagentoInventoryApi.SourceItems"/>.</summary>
    public MagentoInventoryApi InventoryApi { get; set; } = MagentoInventoryApi.SourceItems;

    /// <summary>
    /// How long a push through <see cref="MagentoInventoryApi.AsyncBulkSourceItems"/> waits for the store's consumers to run
    /// its operations; what is still open then is reported for a retry. Default two minutes.
    /// </summary>
    public TimeSpan BulkStatusTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How often <c>GET /V1/bulk/{uuid}/status</c> is asked while a bulk is open. Default two seconds.</summary>
    public TimeSpan BulkStatusPollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Source items per <c>POST /V1/inventory/source-items</c> (per bulk operation in async mode). Default 100.</summary>
    [Range(1, 5000)]
    public int BatchSize { get; set; } = 100;

    /// <summary>Items per page of a search (<c>searchCriteria[pageSize]</c>). Default 100; Magento caps it at 300 unless configured.</summary>
    [Range(1, 1000)]
    public int PageSize { get; set; } = 100;

    /// <summary>Subtracted from the order poll's cursor, for clocks and second-granular <c>updated_at</c>. Default two minutes.</summary>
    public TimeSpan OrderPollOverlap { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// The order status set by acknowledgement of a released order, or <see langword="null"/> to keep the status and only add a
    /// comment. Default <see langword="null"/>.
    /// </summary>
    public string? AcknowledgementStatus { get; set; }

    /// <summary>The carrier code of tracking numbers whose carrier is not one of Magento's (ups, usps, fedex, dhl). Default <c>custom</c>.</summary>
    [Required]
    public string DefaultCarrierCode { get; set; } = "custom";

    /// <summary>
    /// Whether Magento e-mails the customer the credit memo of a return the warehouse received. Default <see langword="true"/>.
    /// </summary>
    public bool NotifyCustomerOfRefund { get; set; } = true;

    /// <summary>
    /// The PEM public key of the store's Adobe Commerce webhook signatures (Stores → Settings → Configuration → Adobe Services
    /// → Webhooks), used by <see cref="MagentoWebhookHandler"/>. Default <see langword="null"/>: every webhook delivery is
    /// refused as unverifiable.
    /// </summary>
    public string? WebhookPublicKey { get; set; }

    /// <summary>
    /// The <c>store_id</c> prices are written for. Default 0, the default values: Magento's default price scope is global,
    /// where special prices are accepted for store 0 only and a store view's base price is not used. With the price scope
    /// set to website (Stores → Configuration → Catalog → Price), the id of a store view of the website: Magento applies
    /// its base price to every store view of that website.
    /// </summary>
    [Range(0, int.MaxValue)]
    public int PriceStoreId { get; set; }

    /// <summary>
    /// The currency Magento keeps this store's prices in (its base currency, ISO 4217), or <see langword="null"/> to read
    /// <c>base_currency_code</c> from <c>GET /V1/store/storeConfigs</c> once. Prices in another currency are refused
    /// (<c>currency_mismatch</c>): Magento converts to display currencies itself. Default <see langword="null"/>.
    /// </summary>
    public string? Currency { get; set; }

    /// <summary>
    /// The store's time zone (IANA id, as Magento's <c>general/locale/timezone</c>), in which special price dates are days,
    /// or <see langword="null"/> to read <c>timezone</c> from <c>GET /V1/store/storeConfigs</c> once. Default <see langword="null"/>.
    /// </summary>
    public string? TimeZone { get; set; }

    /// <summary>
    /// Whether Magento schedules sales itself: a sale is written as a special price with <c>price_from</c>/<c>price_to</c>.
    /// Magento applies a special price by whole days of the store's time zone, first and last day included, so a sale must
    /// start and end at midnight store time; one that does not is refused (<c>sale_window_not_whole_days</c>). With
    /// <see langword="false"/> the engine starts and ends sales at their exact times (its price worker wakes for them) and
    /// the special price is written without dates. Default <see langword="true"/>.
    /// </summary>
    public bool ScheduleSales { get; set; } = true;

    /// <summary>Inventory batches in flight at once. Default 4.</summary>
    [Range(1, 64)]
    public int MaxConcurrency { get; set; } = 4;

    /// <summary>Time allowed for one HTTP attempt. Default 60 seconds.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Retries of a transient failure (429, 5xx, timeouts), honouring <c>Retry-After</c>. Default 4.</summary>
    [Range(0, 10)]
    public int MaxRetries { get; set; } = 4;
}
