using System.ComponentModel.DataAnnotations;

namespace Connectors.WooCommerce;

/// <summary>
/// Settings of one WooCommerce shop (one named channel instance). Read through <c>IOptionsMonitor</c> on every
/// request, so credentials rotate without a restart; validated at start.
/// </summary>
public sealed class WooCommerceOptions
{
    /// <summary>
    /// The shop's REST base URL, for example <c>https://shop.example/wp-json/wc/v3/</c>. A URL without the
    /// <c>/wp-json/wc/v3</c> path gets it appended. Required.
    /// </summary>
    [Required]
    public Uri? BaseUrl { get; set; }

    /// <summary>
    /// The shop's home URL as WordPress knows it (<c>get_home_url()</c>). WooCommerce builds the OAuth 1.0a
    /// signature base string from it instead of the request URL; set it when the shop is reached through another
    /// host name or port than its home URL. Default: the scheme, host and port of <see cref="BaseUrl"/>.
    /// </summary>
    public Uri? HomeUrl { get; set; }

    /// <summary>The REST API consumer key (<c>ck_...</c>). Required.</summary>
    [Required]
    public string? ConsumerKey { get; set; }

    /// <summary>The REST API consumer secret (<c>cs_...</c>). Required; never logged.</summary>
    [Required]
    public string? ConsumerSecret { get; set; }

    /// <summary>The secret of the shop's webhooks, for <c>X-WC-Webhook-Signature</c>. Optional; never logged.</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>
    /// Allows HTTP Basic credentials over plain HTTP. Default <see langword="false"/>: plain HTTP shops are signed with
    /// OAuth 1.0a (what WooCommerce itself accepts there), and a configuration that forces Basic over HTTP is refused at start.
    /// </summary>
    public bool AllowBasicAuthOverHttp { get; set; }

    /// <summary>How requests authenticate. Default <see cref="WooCommerceAuthMode.Automatic"/>.</summary>
    public WooCommerceAuthMode AuthMode { get; set; } = WooCommerceAuthMode.Automatic;

    /// <summary>The OAuth 1.0a signature method. Default <see cref="WooCommerceSignatureMethod.HmacSha256"/>.</summary>
    public WooCommerceSignatureMethod SignatureMethod { get; set; } = WooCommerceSignatureMethod.HmacSha256;

    /// <summary>
    /// Sends the OAuth 1.0a parameters in an <c>Authorization: OAuth</c> header instead of the query string.
    /// Default <see langword="false"/>: many PHP hosts drop the Authorization header.
    /// </summary>
    public bool OAuthInHeader { get; set; }

    /// <summary>
    /// A certificate file (PEM or DER) the shop's HTTPS certificate may chain to instead of the system's trusted roots:
    /// the shop's own self-signed certificate, or the root of a private certificate authority. The host name must still
    /// match. Default <see langword="null"/>: only the system's trust store. Checked at start (the file must exist and hold a
    /// certificate). For anything else (client certificates, a proxy, pinning) configure the channel's primary handler
    /// on the named client <see cref="WooCommerceChannel.HttpClientName"/>.
    /// </summary>
    public string? TrustedCertificatePath { get; set; }

    /// <summary>Items per <c>products/batch</c> request. Default 100 (WooCommerce's own limit); 1 to 1000 for shops that changed it.</summary>
    [Range(1, 1000)]
    public int BatchSize { get; set; } = 100;

    /// <summary>Items per page when listing (<c>per_page</c>). Default 100, the API's maximum.</summary>
    [Range(1, 100)]
    public int PageSize { get; set; } = 100;

    /// <summary>Requests in flight at once to this shop. Default 4. Lowered automatically while the host slows down.</summary>
    [Range(1, 64)]
    public int MaxConcurrency { get; set; } = 4;

    /// <summary>Requests per second to this shop; 0 means no pacing. Default 0.</summary>
    [Range(0, 10_000)]
    public double RequestsPerSecond { get; set; }

    /// <summary>Time allowed for one HTTP attempt. Default 60 seconds (a 100-item batch takes seconds on a real shop).</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Retries of a transient failure (429, 5xx, timeouts), honouring <c>Retry-After</c>. Default 4.</summary>
    [Range(0, 10)]
    public int MaxRetries { get; set; } = 4;

    /// <summary>The location id of the shop's single stock location. Default <see cref="InventoryTarget.DefaultLocation"/>.</summary>
    [Required]
    public string LocationId { get; set; } = InventoryTarget.DefaultLocation;

    /// <summary>
    /// The shop's currency (three-letter ISO 4217 code, its <c>woocommerce_currency</c>). Prices in any other currency are
    /// refused item by item (<c>currency_mismatch</c>): a WooCommerce shop sells in one currency. Default
    /// <see langword="null"/>: read from <c>GET settings/general</c> on the first price push (the API key needs access
    /// to settings, which a read/write key of a shop manager has).
    /// </summary>
    public string? Currency { get; set; }

    /// <summary>
    /// The decimals prices are sent with (the shop's <c>woocommerce_price_num_decimals</c>); a price with more is refused
    /// (<c>price_precision</c>) rather than shown rounded. Default <see langword="null"/>: read from
    /// <c>settings/general</c> with the currency, or the currency's ISO 4217 minor unit when <see cref="Currency"/> is set.
    /// </summary>
    [Range(0, 8)]
    public int? PriceDecimals { get; set; }

    /// <summary>The order meta key that holds the WMS reference after acknowledgement. Default <c>_wms_reference</c>.</summary>
    [Required]
    public string AcknowledgementMetaKey { get; set; } = "_wms_reference";

    /// <summary>Adds a private order note on acknowledgement. Default <see langword="true"/>.</summary>
    public bool AcknowledgementNote { get; set; } = true;

    /// <summary>
    /// The status set on acknowledgement of a released order (for example <c>processing</c>), or <see langword="null"/>
    /// to leave the status alone. Default <see langword="null"/>: a status change emails the customer.
    /// </summary>
    public string? AcknowledgementStatus { get; set; }

    /// <summary>Writes the Shipment Tracking extension's <c>_wc_shipment_tracking_items</c> meta on fulfilment. Default <see langword="true"/>.</summary>
    public bool WriteShipmentTrackingMeta { get; set; } = true;

    /// <summary>Sets status <c>completed</c> once every line has shipped. Default <see langword="true"/>.</summary>
    public bool CompleteWhenFullyShipped { get; set; } = true;

    /// <summary>Asks WooCommerce to refund through the payment gateway when a return is refunded (<c>api_refund</c>). Default <see langword="false"/>.</summary>
    public bool RefundThroughGateway { get; set; }
}
