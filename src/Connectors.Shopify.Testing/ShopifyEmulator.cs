using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Connectors.Testing.Shopify.Internal;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Connectors.Testing.Shopify;

/// <summary>
/// A Shopify Admin GraphQL emulator on loopback (Kestrel, 127.0.0.1, a free port): serves
/// <c>/admin/api/{version}/graphql.json</c> for the operations the Shopify connector uses, with state (variants,
/// locations, inventory levels, orders, fulfilment orders, fulfilments, returns), the documented query-cost model and
/// leaky bucket (<c>THROTTLED</c> with <c>extensions.cost</c>), the client-credentials grant, fault injection and
/// webhook delivery signed with the app secret.
/// </summary>
public sealed partial class ShopifyEmulator : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly EmulatorGraph _graph;
    private readonly LeakyBucket _bucket;
    private readonly ShopifyEmulatorOptions _options;
    private readonly ConcurrentQueue<ShopifyEmulatorFault> _faults = new();
    private readonly ConcurrentQueue<ShopifyEmulatorRequest> _requests = new();
    private readonly HttpClient _webhookClient = new();
    private long _calls;
    private long _throttled;
    private long _pointsCharged;
    private long _maxCostExceeded;
    private long _overBucket;
    private long _largestRequested;
    private long _invalidDocuments;

    private ShopifyEmulator(WebApplication app, ShopifyEmulatorOptions options)
    {
        _app = app;
        _options = options;
        _graph = new EmulatorGraph(options.TimeProvider) { ShopCurrency = options.ShopCurrency, OrdersMoveStock = options.OrdersMoveStock };
        _bucket = new LeakyBucket(options.BucketSize, options.RestoreRate, options.TimeProvider);
    }

    /// <summary>The emulator's address, <c>http://127.0.0.1:{port}/</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The options the emulator runs with.</summary>
    public ShopifyEmulatorOptions Options => _options;

    /// <summary>GraphQL requests received (including throttled ones).</summary>
    public long Calls => Interlocked.Read(ref _calls);

    /// <summary>Requests answered with <c>THROTTLED</c>.</summary>
    public long ThrottledResponses => Interlocked.Read(ref _throttled);

    /// <summary>Requests refused with <c>MAX_COST_EXCEEDED</c> (requested cost above Shopify's single-query limit of 1,000 points).</summary>
    public long MaxCostExceededResponses => Interlocked.Read(ref _maxCostExceeded);

    /// <summary>Requests whose requested cost was larger than the whole bucket (they can never be served).</summary>
    public long RequestsOverBucket => Interlocked.Read(ref _overBucket);

    /// <summary>The largest requested cost (after <see cref="ShopifyEmulatorOptions.CostFactor"/>) of any request received.</summary>
    public long LargestRequestedCost => Interlocked.Read(ref _largestRequested);

    /// <summary>Requests refused because their document or variables are not valid against the version's schema (<see cref="ShopifyEmulatorOptions.ValidateDocuments"/>).</summary>
    public long InvalidDocumentResponses => Interlocked.Read(ref _invalidDocuments);

    /// <summary>Query-cost points charged to the bucket in total.</summary>
    public long PointsCharged => Interlocked.Read(ref _pointsCharged);

    /// <summary>How long <see cref="ShopifyEmulatorFault.Slow"/> delays a response.</summary>
    /// <value>Default 2 seconds.</value>
    public TimeSpan FaultDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Every GraphQL request received, in order.</summary>
    public IReadOnlyList<ShopifyEmulatorRequest> Requests => [.. _requests];

    /// <summary>Webhook subscriptions created through <c>webhookSubscriptionCreate</c> (topic, callback URI).</summary>
    public IReadOnlyList<(string Topic, string Uri)> WebhookSubscriptions => _graph.Subscriptions;

    /// <summary>Starts an emulator on 127.0.0.1 and a free port.</summary>
    /// <param name="options">The settings; defaults when null.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running emulator.</returns>
    public static async Task<ShopifyEmulator> StartAsync(ShopifyEmulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new ShopifyEmulatorOptions();
        EnsureSchemas(options);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var emulator = new ShopifyEmulator(app, options);
        app.Use(emulator.ApplyLatencyAsync);
        app.MapPost("/admin/api/{version}/graphql.json", (HttpContext context, string version) => emulator.HandleGraphAsync(context, version));
        app.MapPost("/admin/oauth/access_token", emulator.HandleTokenAsync);
        app.MapGet("/bulk-results/{id:long}/{kind}.jsonl", (HttpContext context, long id, string kind) => emulator.HandleBulkFileAsync(context, id, kind));
        app.MapPost("/staged-uploads/", emulator.HandleStagedUploadAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        emulator.BaseAddress = new Uri(address.Replace("[::1]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/') + "/");
        return emulator;
    }

    /// <summary>Queues faults for the next GraphQL requests, one per request.</summary>
    /// <param name="fault">The fault.</param>
    /// <param name="count">How many requests get it.</param>
    public void InjectFault(ShopifyEmulatorFault fault, int count = 1)
    {
        for (var i = 0; i < count; i++)
        {
            _faults.Enqueue(fault);
        }
    }

    /// <summary>Adds a location.</summary>
    /// <param name="name">Its name.</param>
    /// <returns>The Location GID.</returns>
    public string AddLocation(string name) => EmulatorGraph.Gid("Location", _graph.AddLocation(name));

    /// <summary>Adds a product with one variant, stocked at <paramref name="locationId"/> (0 at the other locations).</summary>
    /// <param name="sku">The SKU.</param>
    /// <param name="available">The available quantity at the location.</param>
    /// <param name="locationId">The Location GID, or null for none.</param>
    /// <returns>The variant's ids.</returns>
    public ShopifyEmulatorVariant AddVariant(string sku, int available = 0, string? locationId = null)
    {
        var variant = _graph.AddVariant(sku, "Default Title", locationId is null ? null : Id(locationId), available);
        return new ShopifyEmulatorVariant
        {
            VariantId = EmulatorGraph.Gid("ProductVariant", variant.Id),
            InventoryItemId = EmulatorGraph.Gid("InventoryItem", variant.InventoryItemId),
            Sku = sku,
            ProductId = EmulatorGraph.Gid("Product", variant.ProductId),
        };
    }

    /// <summary>Sets the status of a variant's product, as the merchant does in the admin (<c>ACTIVE</c>, <c>ARCHIVED</c>, <c>DRAFT</c>, <c>UNLISTED</c>).</summary>
    /// <param name="variantId">The ProductVariant GID; the status is its product's, so every variant of the product shows it.</param>
    /// <param name="status">The ProductStatus value.</param>
    /// <exception cref="ArgumentException">The status is not a ProductStatus value.</exception>
    public void SetProductStatus(string variantId, string status)
    {
        if (status is not ("ACTIVE" or "ARCHIVED" or "DRAFT" or "UNLISTED"))
        {
            throw new ArgumentException($"'{status}' is not a ProductStatus (ACTIVE, ARCHIVED, DRAFT, UNLISTED).", nameof(status));
        }

        _graph.SetProductStatusOfVariant(Id(variantId), status);
    }

    /// <summary>Sets whether a variant sells when out of stock (<c>DENY</c>, the default, or <c>CONTINUE</c>).</summary>
    /// <param name="variantId">The ProductVariant GID.</param>
    /// <param name="policy">The ProductVariantInventoryPolicy value.</param>
    /// <exception cref="ArgumentException">The policy is not DENY or CONTINUE.</exception>
    public void SetInventoryPolicy(string variantId, string policy)
    {
        if (policy is not ("DENY" or "CONTINUE"))
        {
            throw new ArgumentException($"'{policy}' is not a ProductVariantInventoryPolicy (DENY, CONTINUE).", nameof(policy));
        }

        _graph.ChangeVariant(Id(variantId), v => v.InventoryPolicy = policy);
    }

    /// <summary>
    /// Stops stocking an item at a location, as <c>inventoryDeactivate</c> does: its level there is removed, and
    /// <c>inventorySetQuantities</c> answers <c>ITEM_NOT_STOCKED_AT_LOCATION</c> for it. (An item added before a
    /// location is not stocked at that location either.)
    /// </summary>
    /// <param name="inventoryItemId">The InventoryItem GID.</param>
    /// <param name="locationId">The Location GID.</param>
    /// <returns>Whether it was stocked there.</returns>
    public bool DeactivateInventory(string inventoryItemId, string locationId) => _graph.Deactivate(Id(inventoryItemId), Id(locationId));

    /// <summary>Another app (or the merchant) sets the available quantity of a stocked item at a location.</summary>
    /// <param name="inventoryItemId">The InventoryItem GID.</param>
    /// <param name="locationId">The Location GID.</param>
    /// <param name="available">The new available quantity.</param>
    /// <returns>Whether the item is stocked there (otherwise nothing changes).</returns>
    public bool SetAvailable(string inventoryItemId, string locationId, int available) => _graph.SetLevel(Id(inventoryItemId), Id(locationId), available);

    /// <summary>The available quantity of an item at a location, or null when the item is not stocked there.</summary>
    /// <param name="inventoryItemId">The InventoryItem GID.</param>
    /// <param name="locationId">The Location GID.</param>
    /// <returns>The quantity.</returns>
    public int? GetAvailable(string inventoryItemId, string locationId) => _graph.GetAvailable(Id(inventoryItemId), Id(locationId));

    /// <summary>Creates a paid order (one fulfilment order at the first location) and, when a webhook URL is set, delivers <c>orders/create</c>.</summary>
    /// <param name="lines">The lines (SKUs of existing variants).</param>
    /// <param name="currency">The shop currency.</param>
    /// <param name="cancellationToken">Cancels the webhook delivery.</param>
    /// <returns>The Order GID.</returns>
    public async Task<string> CreateOrderAsync(IReadOnlyList<ShopifyEmulatorLine> lines, string currency = "EUR", CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var order = _graph.CreateOrder(lines, currency, "buyer@example.com");
        if (_options.WebhookUrl is not null)
        {
            await DeliverWebhookAsync("orders/create", OrderPayload(order), cancellationToken).ConfigureAwait(false);
        }

        return EmulatorGraph.Gid("Order", order.Id);
    }

    /// <summary>
    /// Cancels an order and delivers <c>orders/cancelled</c> when a webhook URL is set. With
    /// <see cref="ShopifyEmulatorOptions.OrdersMoveStock"/>, the cancellation restocks (the admin's default): the units not
    /// yet fulfilled go back to available.
    /// </summary>
    /// <param name="orderId">The Order GID.</param>
    /// <param name="cancellationToken">Cancels the webhook delivery.</param>
    /// <returns>A task that completes when delivered.</returns>
    public async Task CancelOrderAsync(string orderId, CancellationToken cancellationToken = default)
    {
        var order = _graph.FindOrder(Id(orderId)) ?? throw new ArgumentException($"Order {orderId} does not exist.", nameof(orderId));
        _graph.Touch(order, o => o.CancelledAt = _options.TimeProvider.GetUtcNow());
        _graph.ReleaseCommitted(order);
        if (_options.WebhookUrl is not null)
        {
            await DeliverWebhookAsync("orders/cancelled", OrderPayload(order), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Opens a return for every line of an order (the whole ordered quantity).</summary>
    /// <param name="orderId">The Order GID.</param>
    /// <returns>The Return GID.</returns>
    public string RequestReturn(string orderId) => RequestReturn(orderId, 1);

    /// <summary>
    /// Opens a return for every line of an order, its lines spread over several reverse fulfilment orders (schema:
    /// "There can be more than one reverse fulfillment order for a return at a given location.").
    /// </summary>
    /// <param name="orderId">The Order GID.</param>
    /// <param name="reverseFulfillmentOrders">How many reverse fulfilment orders the lines are spread over (line i on the i-th modulo this).</param>
    /// <returns>The Return GID.</returns>
    public string RequestReturn(string orderId, int reverseFulfillmentOrders)
    {
        var order = _graph.FindOrder(Id(orderId)) ?? throw new ArgumentException($"Order {orderId} does not exist.", nameof(orderId));
        var ret = _graph.RequestReturn(order, [.. order.Lines.Select(l => (l.Id, l.Quantity))], reverseFulfillmentOrders: reverseFulfillmentOrders);
        return EmulatorGraph.Gid("Return", ret.Id);
    }

    /// <summary>
    /// A customer asks to return every line of an order: the return is created <c>REQUESTED</c> (schema: "The return
    /// was requested.") and must be approved with <c>returnApproveRequest</c> ("Approves a customer's return request")
    /// before it can be processed.
    /// </summary>
    /// <param name="orderId">The Order GID.</param>
    /// <returns>The Return GID.</returns>
    public string RequestCustomerReturn(string orderId)
    {
        var order = _graph.FindOrder(Id(orderId)) ?? throw new ArgumentException($"Order {orderId} does not exist.", nameof(orderId));
        var ret = _graph.RequestReturn(order, [.. order.Lines.Select(l => (l.Id, l.Current))], "REQUESTED");
        return EmulatorGraph.Gid("Return", ret.Id);
    }

    /// <summary>Sets the status of an order's fulfilment order at a location (for example <c>SCHEDULED</c> or <c>ON_HOLD</c>).</summary>
    /// <param name="orderId">The Order GID.</param>
    /// <param name="locationId">The Location GID the fulfilment order is assigned to.</param>
    /// <param name="status">The FulfillmentOrderStatus value.</param>
    public void SetFulfillmentOrderStatus(string orderId, string locationId, string status)
    {
        var order = _graph.FindOrder(Id(orderId)) ?? throw new ArgumentException($"Order {orderId} does not exist.", nameof(orderId));
        var location = Id(locationId);
        _graph.Touch(order, o =>
        {
            var fo = o.FulfillmentOrders.FirstOrDefault(f => f.LocationId == location)
                ?? throw new ArgumentException($"Order {orderId} has no fulfilment order at {locationId}.", nameof(locationId));
            fo.Status = status;
        });
    }

    /// <summary>
    /// Moves <paramref name="quantity"/> unfulfilled units of the line with <paramref name="sku"/> to a new fulfilment
    /// order at <paramref name="locationId"/>, as <c>fulfillmentOrderMove</c> with line items does: one order line is
    /// then assigned to two locations.
    /// </summary>
    /// <param name="orderId">The Order GID.</param>
    /// <param name="sku">The line's SKU.</param>
    /// <param name="quantity">The units to move.</param>
    /// <param name="locationId">The Location GID they move to.</param>
    public void MoveFulfillmentOrderLine(string orderId, string sku, int quantity, string locationId)
    {
        var order = _graph.FindOrder(Id(orderId)) ?? throw new ArgumentException($"Order {orderId} does not exist.", nameof(orderId));
        _graph.MoveLine(order, sku, quantity, Id(locationId));
    }

    /// <summary>
    /// The merchant (or another app) fulfils <paramref name="quantity"/> units of the line with <paramref name="sku"/> in
    /// Shopify, outside the connector (an order partly shipped before the connector saw it).
    /// </summary>
    /// <param name="orderId">The Order GID.</param>
    /// <param name="sku">The line's SKU.</param>
    /// <param name="quantity">The units fulfilled.</param>
    public void FulfillOnShop(string orderId, string sku, int quantity)
    {
        var order = _graph.FindOrder(Id(orderId)) ?? throw new ArgumentException($"Order {orderId} does not exist.", nameof(orderId));
        _graph.FulfillLine(order, sku, quantity);
    }

    /// <summary>The Location GID each fulfilment of an order was created at, oldest first.</summary>
    /// <param name="orderId">The Order GID.</param>
    /// <returns>The locations.</returns>
    public IReadOnlyList<string> GetFulfillmentLocations(string orderId) =>
        [.. _graph.FindOrder(Id(orderId))?.Fulfillments.Select(f => EmulatorGraph.Gid("Location", f.LocationId)) ?? []];

    /// <summary>The merchant requests fulfilment of the order's open fulfilment orders from the fulfilment service at <paramref name="locationId"/>.</summary>
    /// <param name="orderId">The Order GID.</param>
    /// <param name="locationId">The service's Location GID.</param>
    public void SubmitFulfillmentRequest(string orderId, string locationId)
    {
        var order = _graph.FindOrder(Id(orderId)) ?? throw new ArgumentException($"Order {orderId} does not exist.", nameof(orderId));
        _graph.SubmitFulfillmentRequest(order, Id(locationId));
    }

    /// <summary>
    /// The fulfilment service closes its partly fulfilled, accepted fulfilment orders of an order as incomplete (what
    /// <c>fulfillmentOrderClose</c> does): the merchant can then request the units left from the service again
    /// (<see cref="SubmitFulfillmentRequest"/>), which puts them on a new fulfilment order.
    /// </summary>
    /// <param name="orderId">The Order GID.</param>
    /// <returns>How many fulfilment orders were closed.</returns>
    public int CloseFulfillmentOrdersIncomplete(string orderId)
    {
        var order = _graph.FindOrder(Id(orderId)) ?? throw new ArgumentException($"Order {orderId} does not exist.", nameof(orderId));
        return _graph.CloseIncomplete(order);
    }

    /// <summary>The merchant asks the fulfilment service to cancel the accepted fulfilment orders of an order.</summary>
    /// <param name="orderId">The Order GID.</param>
    /// <returns>How many fulfilment orders got a cancellation request.</returns>
    public int RequestFulfillmentCancellation(string orderId)
    {
        var order = _graph.FindOrder(Id(orderId)) ?? throw new ArgumentException($"Order {orderId} does not exist.", nameof(orderId));
        return _graph.RequestCancellation(order);
    }

    /// <summary>The request status of each fulfilment order of an order (<c>SUBMITTED</c>, <c>ACCEPTED</c>, …).</summary>
    /// <param name="orderId">The Order GID.</param>
    /// <returns>The statuses.</returns>
    public IReadOnlyList<string> GetFulfillmentOrderRequestStatuses(string orderId) =>
        _graph.FindOrder(Id(orderId)) is { } order ? _graph.RequestStatuses(order) : [];

    /// <summary>The Location GID of the fulfilment service named <paramref name="name"/>, or null when none exists.</summary>
    /// <param name="name">The service name.</param>
    /// <returns>The location.</returns>
    public string? GetFulfillmentServiceLocation(string name) =>
        _graph.FindService(name) is { } service ? EmulatorGraph.Gid("Location", service.LocationId) : null;

    /// <summary>The dispositions recorded by <c>returnProcess</c> on a return (for example <c>RESTOCKED:2</c>).</summary>
    /// <param name="returnId">The Return GID.</param>
    /// <returns>The dispositions, line by line.</returns>
    public IReadOnlyList<string> GetReturnDispositions(string returnId)
    {
        var id = Id(returnId);
        var order = _graph.FindOrderWithReturn(id);
        return order is null ? [] : [.. order.Returns.First(r => r.Id == id).Lines.SelectMany(l => l.Dispositions)];
    }

    /// <summary>The amount refunded on an order through <c>returnProcess</c>.</summary>
    /// <param name="orderId">The Order GID.</param>
    /// <returns>The amount, in the order currency.</returns>
    public decimal GetRefundedAmount(string orderId) => _graph.FindOrder(Id(orderId))?.Refunded ?? 0m;

    /// <summary>The tags of an order.</summary>
    /// <param name="orderId">The Order GID.</param>
    /// <returns>The tags.</returns>
    public IReadOnlyList<string> GetOrderTags(string orderId) => [.. _graph.FindOrder(Id(orderId))?.Tags ?? []];

    /// <summary>A metafield value of an order, or null.</summary>
    /// <param name="orderId">The Order GID.</param>
    /// <param name="ns">The namespace.</param>
    /// <param name="key">The key.</param>
    /// <returns>The value.</returns>
    public string? GetOrderMetafield(string orderId, string ns, string key) =>
        _graph.FindOrder(Id(orderId))?.Metafields.GetValueOrDefault(ns + "." + key);

    /// <summary>The number of fulfilments of an order.</summary>
    /// <param name="orderId">The Order GID.</param>
    /// <returns>The count.</returns>
    public int GetFulfillmentCount(string orderId) => _graph.FindOrder(Id(orderId))?.Fulfillments.Count ?? 0;

    /// <summary>The status of a return (OPEN, CLOSED, …), or null.</summary>
    /// <param name="returnId">The Return GID.</param>
    /// <returns>The status.</returns>
    public string? GetReturnStatus(string returnId)
    {
        var id = Id(returnId);
        var order = _graph.FindOrderWithReturn(id);
        return order?.Returns.First(r => r.Id == id).Status;
    }

    /// <summary>
    /// Delivers a webhook to <see cref="ShopifyEmulatorOptions.WebhookUrl"/> with Shopify's headers and an HMAC made with
    /// the app secret; a non-2xx answer is retried (same webhook id) up to <see cref="ShopifyEmulatorOptions.WebhookAttempts"/> times.
    /// </summary>
    /// <param name="topic">The topic, for example <c>orders/create</c>.</param>
    /// <param name="body">The raw JSON body.</param>
    /// <param name="cancellationToken">Cancels the delivery.</param>
    /// <returns>The HTTP status of the last attempt.</returns>
    public async Task<HttpStatusCode> DeliverWebhookAsync(string topic, string body, CancellationToken cancellationToken = default)
    {
        var url = _options.WebhookUrl ?? throw new InvalidOperationException("ShopifyEmulatorOptions.WebhookUrl is not set.");
        var bytes = Encoding.UTF8.GetBytes(body);
        var webhookId = Guid.NewGuid().ToString();
        var eventId = _graph.NextId().ToString(CultureInfo.InvariantCulture);
        var status = HttpStatusCode.ServiceUnavailable;
        for (var attempt = 1; attempt <= Math.Max(1, _options.WebhookAttempts); attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, url);
            request.Content = new ByteArrayContent(bytes);
            request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
            request.Headers.Add("X-Shopify-Topic", topic);
            request.Headers.Add("X-Shopify-Hmac-Sha256", WebhookSignature.ComputeHmacSha256Base64(bytes, _options.ClientSecret));
            request.Headers.Add("X-Shopify-Shop-Domain", _options.ShopDomain);
            request.Headers.Add("X-Shopify-API-Version", "2026-01");
            request.Headers.Add("X-Shopify-Webhook-Id", webhookId);
            request.Headers.Add("X-Shopify-Event-Id", eventId);
            request.Headers.Add("X-Shopify-Triggered-At", _options.TimeProvider.GetUtcNow().ToString("O", CultureInfo.InvariantCulture));
            try
            {
                using var response = await _webhookClient.SendAsync(request, cancellationToken).ConfigureAwait(false);
                status = response.StatusCode;
                if (response.IsSuccessStatusCode)
                {
                    return status;
                }
            }
            catch (HttpRequestException)
            {
                status = HttpStatusCode.ServiceUnavailable;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50 * attempt), cancellationToken).ConfigureAwait(false);
        }

        return status;
    }

    /// <summary>Stops the server.</summary>
    /// <returns>A task that completes when stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        _webhookClient.Dispose();
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private static long Id(string gid)
    {
        var slash = gid.LastIndexOf('/');
        return long.Parse(gid.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture);
    }

    private static string OrderPayload(EmuOrder order)
    {
        // The REST-shaped webhook payload, written from Shopify's documented sample (orders/create).
        var json = new JsonObject
        {
            ["id"] = order.Id,
            ["admin_graphql_api_id"] = EmulatorGraph.Gid("Order", order.Id),
            ["name"] = order.Name,
            ["email"] = order.Email,
            ["currency"] = order.Currency,
            ["created_at"] = order.CreatedAt.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
            ["updated_at"] = order.UpdatedAt.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
            ["cancelled_at"] = order.CancelledAt?.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
            ["financial_status"] = order.FinancialStatus.ToLowerInvariant(),
            ["total_price"] = EmulatorMoney.Format(order.Lines.Sum(l => l.Price * l.Quantity), order.Currency),
            ["line_items"] = new JsonArray([.. order.Lines.Select(l => (JsonNode)new JsonObject
            {
                ["id"] = l.Id,
                ["admin_graphql_api_id"] = EmulatorGraph.Gid("LineItem", l.Id),
                ["variant_id"] = l.Variant?.Id,
                ["sku"] = l.Sku,
                ["quantity"] = l.Quantity,
                ["price"] = EmulatorMoney.Format(l.Price, order.Currency),
                ["current_quantity"] = l.Current,
                ["requires_shipping"] = l.RequiresShipping,
            })]),
        };
        return json.ToJsonString();
    }

    private async Task HandleTokenAsync(HttpContext context)
    {
        var form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
        if (form["grant_type"] != "client_credentials" || form["client_id"] != _options.ClientId || form["client_secret"] != _options.ClientSecret)
        {
            context.Response.StatusCode = 401;
            await context.Response.WriteAsync("""{"error":"invalid_client"}""", context.RequestAborted).ConfigureAwait(false);
            return;
        }

        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(
            new JsonObject { ["access_token"] = _options.AccessToken, ["scope"] = "read_orders,write_inventory", ["expires_in"] = 86399 }.ToJsonString(),
            context.RequestAborted).ConfigureAwait(false);
    }

    private async Task HandleGraphAsync(HttpContext context, string version)
    {
        Interlocked.Increment(ref _calls);
        var response = context.Response;
        if (!string.Equals(context.Request.Headers["X-Shopify-Access-Token"], _options.AccessToken, StringComparison.Ordinal))
        {
            response.StatusCode = 401;
            await response.WriteAsync("""{"errors":"[API] Invalid API key or access token (unrecognized login or wrong password)"}""", context.RequestAborted).ConfigureAwait(false);
            return;
        }

        if (await ServedVersionAsync(context, version).ConfigureAwait(false) is not { } served)
        {
            return;
        }

        var loseAnswer = false;
        if (_faults.TryDequeue(out var fault))
        {
            switch (fault)
            {
                case ShopifyEmulatorFault.AnswerLost:
                    loseAnswer = true;
                    break;
                case ShopifyEmulatorFault.TooManyRequests:
                    response.StatusCode = 429;
                    response.Headers.RetryAfter = "1";
                    await response.WriteAsync("""{"errors":"Daily variant creation limit reached. Please try again later."}""", context.RequestAborted).ConfigureAwait(false);
                    return;
                case ShopifyEmulatorFault.ServerError:
                    response.StatusCode = 503;
                    await response.WriteAsync("""{"errors":"Service unavailable"}""", context.RequestAborted).ConfigureAwait(false);
                    return;
                case ShopifyEmulatorFault.MalformedJson:
                    response.ContentType = "application/json";
                    await response.WriteAsync("""{"data":{"orders":{"nodes":[{"id":"gid://shop""", context.RequestAborted).ConfigureAwait(false);
                    return;
                case ShopifyEmulatorFault.Slow:
                    await Task.Delay(FaultDelay, context.RequestAborted).ConfigureAwait(false);
                    break;
            }
        }

        JsonObject body;
        try
        {
            body = (await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted).ConfigureAwait(false))?.AsObject()
                ?? throw new JsonException("empty body");
        }
        catch (JsonException)
        {
            response.StatusCode = 400;
            await response.WriteAsync("""{"errors":{"query":"Required parameter missing or invalid"}}""", context.RequestAborted).ConfigureAwait(false);
            return;
        }

        var query = body["query"]?.GetValue<string>() ?? string.Empty;
        var variables = body["variables"] as JsonObject ?? [];
        var operationName = body["operationName"]?.GetValue<string>();
        if (await RefusedAsInvalidAsync(context, version, served, query, variables, operationName).ConfigureAwait(false))
        {
            return;
        }

        var requested = (int)Math.Ceiling(EmulatorCost.Requested(query, variables) * _options.CostFactor);
        var result = new JsonObject();
        Interlocked.Exchange(ref _largestRequested, Math.Max(Interlocked.Read(ref _largestRequested), requested));
        if (requested > EmulatorCost.SingleQueryMaxCost)
        {
            // Shopify's answer to a query over the single-query limit (HTTP 200): extensions.cost and maxCost are numbers.
            Interlocked.Increment(ref _maxCostExceeded);
            result["errors"] = new JsonArray(new JsonObject
            {
                ["message"] = $"Query cost is {requested.ToString(CultureInfo.InvariantCulture)}, which exceeds the single query max cost limit ({EmulatorCost.SingleQueryMaxCost.ToString(CultureInfo.InvariantCulture)}).\n\n"
                    + "See https://shopify.dev/concepts/about-apis/rate-limits for more information on how the\ncost of a query is calculated.\n\n"
                    + "To query larger amounts of data with fewer limits, bulk operations should be used instead.\n"
                    + "See https://shopify.dev/tutorials/perform-bulk-operations-with-admin-api for usage details.\n",
                ["extensions"] = new JsonObject { ["code"] = "MAX_COST_EXCEEDED", ["cost"] = requested, ["maxCost"] = EmulatorCost.SingleQueryMaxCost },
            });
            _requests.Enqueue(new ShopifyEmulatorRequest
            {
                ApiVersion = version,
                OperationName = operationName,
                Query = query,
                VariablesJson = variables.ToJsonString(),
                Throttled = false,
                RequestedCost = requested,
                Refused = "MAX_COST_EXCEEDED",
            });
            await WriteJsonAsync(response, result, context.RequestAborted).ConfigureAwait(false);
            return;
        }

        if (requested > _bucket.Size)
        {
            Interlocked.Increment(ref _overBucket);
        }

        var (allowed, available) = _bucket.TryCharge(requested);
        _requests.Enqueue(new ShopifyEmulatorRequest
        {
            ApiVersion = version,
            OperationName = operationName,
            Query = query,
            VariablesJson = variables.ToJsonString(),
            Throttled = !allowed,
            RequestedCost = requested,
            Refused = allowed ? null : "THROTTLED",
        });
        if (!allowed)
        {
            Interlocked.Increment(ref _throttled);
            result["errors"] = new JsonArray(new JsonObject
            {
                ["message"] = "Throttled",
                ["extensions"] = new JsonObject { ["code"] = "THROTTLED", ["documentation"] = "https://shopify.dev/api/usage/rate-limits" },
            });
            result["extensions"] = Cost(requested, null, available);
            await WriteJsonAsync(response, result, context.RequestAborted).ConfigureAwait(false);
            return;
        }

        Interlocked.Add(ref _pointsCharged, requested);
        try
        {
            var (data, errors) = await ExecuteAsync(served, query, variables, context.RequestAborted).ConfigureAwait(false);
            if (errors is not null)
            {
                result["errors"] = errors;
                available = _bucket.Refund(requested);
                result["extensions"] = Cost(requested, 0, available);
            }
            else
            {
                // Shopify charges the actual cost (objects really returned) and refunds the rest of the requested cost.
                var actual = Math.Min(requested, EmulatorCost.Actual(data, query, operationName));
                available = _bucket.Refund(requested - actual);
                Interlocked.Add(ref _pointsCharged, actual - requested);
                result["data"] = data;
                result["extensions"] = Cost(requested, actual, available);
            }
        }
        catch (EmulatorException ex)
        {
            result["errors"] = EmulatorGraph.Error(ex.Message, ex.Code);
            result["extensions"] = Cost(requested, 0, _bucket.Refund(requested));
        }

        if (loseAnswer)
        {
            response.StatusCode = 502;
            await response.WriteAsync("""{"errors":"Bad gateway"}""", context.RequestAborted).ConfigureAwait(false);
            return;
        }

        await WriteJsonAsync(response, result, context.RequestAborted).ConfigureAwait(false);
    }

    private JsonObject Cost(int requested, int? actual, double available) => new()
    {
        ["cost"] = new JsonObject
        {
            ["requestedQueryCost"] = requested,
            ["actualQueryCost"] = actual,
            ["throttleStatus"] = new JsonObject
            {
                ["maximumAvailable"] = (double)_bucket.Size,
                ["currentlyAvailable"] = Math.Floor(available),
                ["restoreRate"] = (double)_bucket.RestoreRate,
            },
        },
    };

    private static Task WriteJsonAsync(HttpResponse response, JsonObject json, CancellationToken cancellationToken)
    {
        response.ContentType = "application/json; charset=utf-8";
        return response.WriteAsync(json.ToJsonString(), cancellationToken);
    }
}
