using System.Globalization;
using System.Text.Json;
using Connectors.Internal;
using Connectors.WooCommerce.Internal;
using Connectors.WooCommerce.Internal.Dto;
using Connectors.WooCommerce.Internal.Json;
using Microsoft.Extensions.Logging;

namespace Connectors.WooCommerce;

/// <summary>
/// One WooCommerce shop as a Connectors channel, on REST API v3: inventory and prices (batch), catalog, orders, fulfilment (order
/// notes and meta), returns (refunds) and webhooks. Created by <c>AddWooCommerce</c>; channel item ids follow
/// <see cref="WooCommerceChannelItemId"/>.
/// </summary>
public sealed partial class WooCommerceChannel : IInventoryChannel, ICatalogChannel, IOrderChannel, IFulfillmentChannel, IReturnChannel, IWebhookHandler, IStockMovingChannel
{
    /// <summary>The platform name, <c>woocommerce</c>.</summary>
    public const string PlatformName = "woocommerce";

    /// <summary>
    /// The name of the <see cref="HttpClient"/> a channel sends through, for
    /// <c>services.AddHttpClient(WooCommerceChannel.HttpClientName("shop-b")).ConfigurePrimaryHttpMessageHandler(...)</c>
    /// (a client certificate, a proxy, certificate pinning). <see cref="WooCommerceOptions.TrustedCertificatePath"/> is
    /// applied to whatever primary handler is configured, when it is a <see cref="SocketsHttpHandler"/> or an
    /// <see cref="HttpClientHandler"/>.
    /// </summary>
    /// <param name="channel">The channel name given to <c>AddWooCommerce</c>.</param>
    /// <returns>The named client's name.</returns>
    public static string HttpClientName(string channel)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(channel);
        return WooCommerceClient.HttpClientName(channel);
    }

    private readonly WooCommerceClient _client;
    private readonly WooCommerceWebhookHandler _webhooks;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    internal WooCommerceChannel(string name, WooCommerceClient client, WooCommerceWebhookHandler webhooks, TimeProvider time, ILogger logger)
    {
        Name = name;
        _client = client;
        _webhooks = webhooks;
        _time = time;
        _logger = logger;
        _pricing = new ReadOnce<ShopPricing>(ReadShopPricingAsync);
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public string Platform => PlatformName;

    /// <inheritdoc />
    string IWebhookHandler.Channel => Name;

    /// <inheritdoc />
    public ChannelCapabilities Capabilities => new(
        // Enough targets per push to fill every allowed request slot with full batches: the channel splits them per
        // endpoint (products; each parent's variations) and sends MaxConcurrency batches at once.
        maxInventoryBatchSize: _client.Options.BatchSize * _client.Options.MaxConcurrency,
        supportsMultipleLocations: false,
        supportsPartialFulfillment: true,
        supportsWebhooks: true,
        supportsReturns: true,
        supportsOrderAcknowledgement: true);

    /// <inheritdoc />
    /// <remarks>
    /// WooCommerce with stock management on (its default) reduces a product's <c>stock_quantity</c> when an order becomes
    /// processing, completed or on-hold (<c>wc_maybe_reduce_stock_levels</c>), puts it back when the order becomes
    /// cancelled or pending (<c>wc_maybe_increase_stock_levels</c>), and adds refunded units back for a refund with
    /// <c>api_restock</c>. Each order line reports what it holds in its <c>_reduced_stock</c> meta, read into
    /// <see cref="ChannelOrderLine.StockHeld"/>.
    /// </remarks>
    public ChannelStockMoves StockMoves { get; } = new() { OrdersHoldStock = true, RestockAddsStock = true };

    /// <inheritdoc />
    public WebhookVerificationResult Verify(WebhookRequest request) => _webhooks.Verify(request);

    /// <inheritdoc />
    public IReadOnlyList<ChannelEvent> Parse(WebhookRequest request) => _webhooks.Parse(request);

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    private static string Marker(string kind, string key) => $"[connectors:{kind}:{key}]";

    private async Task<bool> HasNoteAsync(string orderId, string marker, CancellationToken cancellationToken)
    {
        var notes = await _client.GetAsync($"orders/{orderId}/notes", WooJsonContext.Default.ListWooNote, cancellationToken).ConfigureAwait(false);
        return notes.Any(n => n.Note?.Contains(marker, StringComparison.Ordinal) == true);
    }

    private Task<WooNote> AddNoteAsync(string orderId, string text, bool customerNote, CancellationToken cancellationToken) =>
        _client.SendAsync(
            HttpMethod.Post,
            $"orders/{orderId}/notes",
            new WooNoteCreate { Note = text, CustomerNote = customerNote },
            WooJsonContext.Default.WooNoteCreate,
            WooJsonContext.Default.WooNote,
            cancellationToken);

    private Task<WooOrder> UpdateOrderAsync(string orderId, WooOrderUpdate update, CancellationToken cancellationToken) =>
        _client.SendAsync(HttpMethod.Put, $"orders/{orderId}", update, WooJsonContext.Default.WooOrderUpdate, WooJsonContext.Default.WooOrder, cancellationToken);

    private static JsonElement ToElement<T>(T value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type) =>
        JsonSerializer.SerializeToElement(value, type);

    private static string OrderIdArgument(string orderId, string field)
    {
        if (!long.TryParse(orderId, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id <= 0)
        {
            throw new ConnectorValidationException(field, $"'{orderId}' is not a WooCommerce order id (a positive number).");
        }

        return Id(id);
    }

    private DateTimeOffset Now => _time.GetUtcNow();
}
