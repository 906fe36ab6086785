using System.Globalization;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Connectors.Testing.WooCommerce.Internal;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Connectors.Testing.WooCommerce;

/// <summary>
/// A WooCommerce REST API v3 emulator on loopback (Kestrel, 127.0.0.1, a free port) with state: products, variations,
/// orders, notes, refunds and webhooks. It behaves as the recorded WooCommerce 10.0.2 shop does: OAuth 1.0a
/// one-legged verification over plain HTTP (Basic refused), the 100-item batch limit with its 413 body, per-item
/// batch errors, <c>X-WP-Total</c>/<c>X-WP-TotalPages</c>/<c>Link</c> paging, <c>modified_after</c>, negative refund
/// lines, and signed webhook deliveries built at send time whose <c>X-WC-Webhook-Delivery-ID</c> is shared by every
/// delivery of a webhook within one second; no retries, and a webhook is disabled after more than 5 failed
/// deliveries in a row. Latency and faults can be injected. Its JSON is built independently of the client's types.
/// </summary>
public sealed partial class WooCommerceEmulator : IAsyncDisposable
{
    private const int MaxFailuresBeforeDisable = 5;
    private readonly Lock _gate = new();
    private readonly Lock _faultGate = new();
    private readonly Dictionary<long, EmuProduct> _products = [];
    private readonly Dictionary<long, EmuOrder> _orders = [];
    private readonly Dictionary<long, EmuWebhook> _webhooks = [];
    private readonly Queue<(WooCommerceEmulatorFault Fault, TimeSpan RetryAfter)> _faults = new();
    private readonly HashSet<string> _nonces = new(StringComparer.Ordinal);
    private readonly List<Task> _deliveries = [];
    private readonly List<WooCommerceEmulatorRequest> _recorded = [];
    private readonly TimeProvider _time;
    private readonly HttpClient _webhookClient;
    private WebApplication? _app;
    private long _nextId = 100;
    private long _nextLineId = 1;
    private long _nextMetaId = 1;
    private long _nextWebhookId = 1;
    private int _requests;
    private int _inFlight;
    private int _maxInFlight;
    private int _throttled;
    private string _consumerSecret = "cs_emulator_secret";

    private WooCommerceEmulator(TimeProvider time)
    {
        _time = time;
        _webhookClient = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
    }

    /// <summary>The REST base URL, <c>http://127.0.0.1:{port}/wp-json/wc/v3/</c>.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>The server root, <c>http://127.0.0.1:{port}/</c>.</summary>
    public Uri RootUrl { get; private set; } = null!;

    /// <summary>The consumer key the emulator accepts.</summary>
    public string ConsumerKey { get; } = "ck_emulator_key";

    /// <summary>The consumer secret the emulator accepts; set it to rotate the credentials.</summary>
    public string ConsumerSecret
    {
        get => Volatile.Read(ref _consumerSecret);
        set => Volatile.Write(ref _consumerSecret, value);
    }

    /// <summary>
    /// The shop's home URL, which the OAuth base string uses instead of the request URL. Default <see langword="null"/>:
    /// the emulator's own <see cref="RootUrl"/>.
    /// </summary>
    public Uri? HomeUrl { get; set; }

    /// <summary>
    /// The host's response time: no answer leaves before this long after its request arrived (host throttling's 429
    /// aside). The emulator does its own work (parsing, state change, rendering) first and waits out the rest, so its
    /// CPU time is part of the latency, as a real host's work is, instead of being added on top. Default zero.
    /// </summary>
    public TimeSpan Latency { get; set; }

    /// <summary>
    /// The shop's time zone (WordPress's <c>timezone_string</c>): <c>date_*</c> fields are rendered in it and
    /// <c>date_*_gmt</c> in UTC, as WooCommerce does. Default <see cref="TimeZoneInfo.Utc"/> (the recorded shop).
    /// </summary>
    public TimeZoneInfo TimeZone { get; set; } = TimeZoneInfo.Utc;

    /// <summary>
    /// Whether orders move the shop's stock, as WooCommerce does with "Manage stock" on: an order that becomes
    /// <c>processing</c>, <c>completed</c> or <c>on-hold</c> reduces the stock of its lines once (the order's
    /// <c>_order_stock_reduced</c>), <c>cancelled</c> or <c>pending</c> puts back what is still reduced, and a refund with
    /// <c>api_restock</c> adds its units back only if the order had reduced stock. Default <see langword="true"/>, as on
    /// a real shop; off, orders never touch stock and a restocking refund always adds.
    /// </summary>
    public bool ManageOrderStock { get; set; } = true;

    /// <summary>
    /// Whether webhook deliveries follow WordPress's <c>wp_safe_remote_post</c> rule: only ports 80, 443 and 8080, or
    /// the port of the shop's own home URL on the same host, are delivered to; any other port fails the delivery (it
    /// counts towards disabling the webhook). Default <see langword="false"/>, because tests listen on a random loopback
    /// port; turn it on to see what a real shop would do with a receiver on, say, port 5000.
    /// </summary>
    public bool RestrictWebhookPorts { get; set; }

    /// <summary>
    /// How long a webhook delivery waits in the queue before it is sent (WooCommerce queues
    /// <c>woocommerce_deliver_webhook_async</c> in Action Scheduler). The payload is built when it is sent, so changes
    /// made meanwhile show in it. Default zero: sent as soon as the background queue runs.
    /// </summary>
    public TimeSpan WebhookDeliveryDelay { get; set; }

    /// <summary>The most items one batch request may hold (WooCommerce's default is 100).</summary>
    public int BatchLimit { get; set; } = 100;

    /// <summary>
    /// Host throttling: with more than this many requests in flight the host answers 429 with
    /// <see cref="ThrottleRetryAfter"/> (as an nginx <c>limit_conn</c> or a managed host does). Default 0: off.
    /// </summary>
    public int MaxConcurrentRequests { get; set; }

    /// <summary>The <c>Retry-After</c> of host throttling. Default one second.</summary>
    public TimeSpan ThrottleRetryAfter { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Requests answered 429 by host throttling so far.</summary>
    public int ThrottledCount => Volatile.Read(ref _throttled);

    /// <summary>Requests received so far.</summary>
    public int RequestCount => Volatile.Read(ref _requests);

    /// <summary>Whether received requests are kept in <see cref="Requests"/> (method, path and body). Default <see langword="false"/>.</summary>
    public bool RecordRequests { get; set; }

    /// <summary>The requests received while <see cref="RecordRequests"/> was on, in arrival order.</summary>
    public IReadOnlyList<WooCommerceEmulatorRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _recorded];
            }
        }
    }

    /// <summary>The most requests that were in flight at once (arrived and not yet answering).</summary>
    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    /// <summary>Starts an emulator on 127.0.0.1 and a free port.</summary>
    /// <param name="timeProvider">The clock for dates and OAuth timestamps; <see cref="TimeProvider.System"/> by default.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running emulator.</returns>
    public static Task<WooCommerceEmulator> StartAsync(TimeProvider? timeProvider = null, CancellationToken cancellationToken = default) =>
        StartCoreAsync(timeProvider, null, cancellationToken);

    /// <summary>
    /// Starts an emulator that serves HTTPS on 127.0.0.1 and a free port with <paramref name="certificate"/> (for example
    /// a self-signed one, to test certificate trust). Over HTTPS it takes HTTP Basic authentication with the consumer key
    /// and secret, as WooCommerce does, besides OAuth 1.0a.
    /// </summary>
    /// <param name="certificate">The server certificate, with its private key.</param>
    /// <param name="timeProvider">The clock for dates and OAuth timestamps; <see cref="TimeProvider.System"/> by default.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running emulator.</returns>
    public static Task<WooCommerceEmulator> StartHttpsAsync(X509Certificate2 certificate, TimeProvider? timeProvider = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return StartCoreAsync(timeProvider, certificate, cancellationToken);
    }

    private static async Task<WooCommerceEmulator> StartCoreAsync(TimeProvider? timeProvider, X509Certificate2? certificate, CancellationToken cancellationToken)
    {
        var emulator = new WooCommerceEmulator(timeProvider ?? TimeProvider.System);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrelHttpsConfiguration();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0, listen =>
        {
            if (certificate is not null)
            {
                listen.UseHttps(certificate);
            }
        }));
        var app = builder.Build();
        app.Map("/wp-json/wc/v3/{**path}", emulator.HandleAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        emulator._app = app;
        emulator.RootUrl = new Uri(address.TrimEnd('/') + "/");
        emulator.BaseUrl = new Uri(emulator.RootUrl, "wp-json/wc/v3/");
        return emulator;
    }

    /// <summary>Answers the next <paramref name="count"/> requests with <paramref name="fault"/>.</summary>
    /// <param name="fault">The fault.</param>
    /// <param name="count">How many requests get it.</param>
    /// <param name="retryAfter">The <c>Retry-After</c> of 429 and 503; one second by default.</param>
    public void InjectFault(WooCommerceEmulatorFault fault, int count = 1, TimeSpan? retryAfter = null)
    {
        lock (_faultGate)
        {
            for (var i = 0; i < count; i++)
            {
                _faults.Enqueue((fault, retryAfter ?? TimeSpan.FromSeconds(1)));
            }
        }
    }

    /// <summary>Adds a simple product.</summary>
    /// <param name="sku">Its SKU.</param>
    /// <param name="stock">Its stock, or <see langword="null"/> for stock not managed.</param>
    /// <param name="price">Its price.</param>
    /// <param name="name">Its name; the SKU by default.</param>
    /// <returns>The product id.</returns>
    public long AddSimpleProduct(string sku, int? stock, decimal price = 10m, string? name = null)
    {
        lock (_gate)
        {
            var now = Now;
            var product = new EmuProduct { Id = _nextId++, Type = "simple", Name = name ?? sku, Sku = sku, RegularPrice = EmuJson.Money(price), ManageStock = stock is not null, Stock = stock, Created = now, Modified = now };
            _products[product.Id] = product;
            return product.Id;
        }
    }

    /// <summary>Adds a variable product with its variations.</summary>
    /// <param name="name">The product name.</param>
    /// <param name="attributeName">The variation attribute (for example <c>Size</c>).</param>
    /// <param name="variations">The variations.</param>
    /// <returns>The product id; see <see cref="GetVariationIds"/>.</returns>
    public long AddVariableProduct(string name, string attributeName, IReadOnlyList<WooCommerceEmulatorVariation> variations)
    {
        ArgumentNullException.ThrowIfNull(variations);
        lock (_gate)
        {
            var now = Now;
            var parent = new EmuProduct { Id = _nextId++, Type = "variable", Name = name, Created = now, Modified = now };
            _products[parent.Id] = parent;
            foreach (var v in variations)
            {
                var variation = new EmuProduct
                {
                    Id = _nextId++, ParentId = parent.Id, Type = "variation", Name = name + " - " + v.Option, Sku = v.Sku, RegularPrice = EmuJson.Money(v.Price),
                    ManageStock = v.Stock is not null, Stock = v.Stock, AttributeName = attributeName, Option = v.Option, Created = now, Modified = now,
                };
                _products[variation.Id] = variation;
                parent.Variations.Add(variation.Id);
            }

            return parent.Id;
        }
    }

    /// <summary>The variation ids of a variable product.</summary>
    /// <param name="productId">The variable product.</param>
    /// <returns>Its variation ids.</returns>
    public IReadOnlyList<long> GetVariationIds(long productId)
    {
        lock (_gate)
        {
            return [.. _products[productId].Variations];
        }
    }

    /// <summary>The stock of a product or variation.</summary>
    /// <param name="productId">The product (the parent for a variation).</param>
    /// <param name="variationId">The variation, or 0.</param>
    /// <returns>The stock, or <see langword="null"/> when not managed.</returns>
    public int? GetStock(long productId, long variationId = 0)
    {
        lock (_gate)
        {
            var product = _products[variationId == 0 ? productId : variationId];
            return product.ManageStock ? product.Stock : null;
        }
    }

    /// <summary>Adds an order (and delivers <c>order.created</c> to the webhooks).</summary>
    /// <param name="status">Its status (<c>processing</c>, <c>pending</c>, …).</param>
    /// <param name="lines">Its lines.</param>
    /// <param name="paid">Whether it has a payment date.</param>
    /// <returns>The order id.</returns>
    public long AddOrder(string status, IReadOnlyList<WooCommerceEmulatorLine> lines, bool paid = true)
    {
        ArgumentNullException.ThrowIfNull(lines);
        long id;
        lock (_gate)
        {
            var now = Now;
            var order = new EmuOrder { Id = _nextId++, Status = status, Created = now, Modified = now, Paid = paid ? now : null, ShippingTotal = 5m };
            foreach (var line in lines)
            {
                var product = _products[line.VariationId == 0 ? line.ProductId : line.VariationId];
                order.Lines.Add(new EmuLine
                {
                    Id = _nextLineId++, ProductId = line.ProductId, VariationId = line.VariationId, Name = product.Name, Sku = product.Sku,
                    Quantity = line.Quantity, Price = line.Price,
                });
            }

            _orders[order.Id] = order;
            id = order.Id;
            OnStatusLocked(order, "pending", status);
        }

        Trigger("order.created", id);
        return id;
    }

    /// <summary>Changes an order's status (and delivers <c>order.updated</c>).</summary>
    /// <param name="orderId">The order.</param>
    /// <param name="status">The new status.</param>
    public void SetOrderStatus(long orderId, string status)
    {
        lock (_gate)
        {
            ChangeStatusLocked(_orders[orderId], status);
        }

        Trigger("order.updated", orderId);
    }

    /// <summary>Refunds part of an order line, as the shop admin would.</summary>
    /// <param name="orderId">The order.</param>
    /// <param name="lineItemId">The order line.</param>
    /// <param name="quantity">How many units.</param>
    /// <param name="reason">The reason.</param>
    /// <param name="restock">Whether the stock goes back up.</param>
    /// <returns>The refund id.</returns>
    public long AddRefund(long orderId, long lineItemId, int quantity, string reason, bool restock = false)
    {
        lock (_gate)
        {
            var order = _orders[orderId];
            var line = order.Lines.First(l => l.Id == lineItemId);
            var id = CreateRefundLocked(order, [(line, quantity, line.Price * quantity)], reason, restock).Id;
            Trigger("order.updated", orderId);
            return id;
        }
    }

    /// <summary>An order's status.</summary>
    /// <param name="orderId">The order.</param>
    /// <returns>Its status.</returns>
    public string GetOrderStatus(long orderId)
    {
        lock (_gate)
        {
            return _orders[orderId].Status;
        }
    }

    /// <summary>An order's line item ids.</summary>
    /// <param name="orderId">The order.</param>
    /// <returns>The line ids.</returns>
    public IReadOnlyList<long> GetLineItemIds(long orderId)
    {
        lock (_gate)
        {
            return [.. _orders[orderId].Lines.Select(l => l.Id)];
        }
    }

    /// <summary>The texts of an order's notes, oldest first.</summary>
    /// <param name="orderId">The order.</param>
    /// <returns>The note texts.</returns>
    public IReadOnlyList<string> GetOrderNotes(long orderId)
    {
        lock (_gate)
        {
            return [.. _orders[orderId].Notes.Select(n => n.Text)];
        }
    }

    /// <summary>An order meta value: the string itself, or the JSON text of an array or object.</summary>
    /// <param name="orderId">The order.</param>
    /// <param name="key">The meta key.</param>
    /// <returns>The value, or <see langword="null"/> when absent.</returns>
    public string? GetOrderMeta(long orderId, string key)
    {
        lock (_gate)
        {
            foreach (var meta in _orders[orderId].Meta)
            {
                if (meta.Key == key)
                {
                    return meta.Value is JsonValue v && v.TryGetValue<string>(out var s) ? s : meta.Value?.ToJsonString();
                }
            }

            return null;
        }
    }

    /// <summary>How many refunds an order has.</summary>
    /// <param name="orderId">The order.</param>
    /// <returns>The count.</returns>
    public int GetRefundCount(long orderId)
    {
        lock (_gate)
        {
            return _orders[orderId].Refunds.Count;
        }
    }

    /// <summary>Adds an active webhook and sends its creation ping (a form body <c>webhook_id=N</c> without signature).</summary>
    /// <param name="topic"><c>order.created</c>, <c>order.updated</c>, <c>order.deleted</c> or <c>product.updated</c>.</param>
    /// <param name="deliveryUrl">Where deliveries go.</param>
    /// <param name="secret">The signing secret.</param>
    /// <returns>The webhook id.</returns>
    public long AddWebhook(string topic, Uri deliveryUrl, string secret)
    {
        lock (_gate)
        {
            return CreateWebhookLocked(topic, topic, deliveryUrl, secret, "active").Id;
        }
    }

    /// <summary>A webhook's status: <c>active</c>, or <c>disabled</c> after more than 5 failed deliveries in a row.</summary>
    /// <param name="webhookId">The webhook.</param>
    /// <returns>Its status.</returns>
    public string GetWebhookStatus(long webhookId)
    {
        lock (_gate)
        {
            return _webhooks[webhookId].Status;
        }
    }

    /// <summary>Waits until every webhook delivery started so far has been sent.</summary>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>A task that completes when the deliveries are done.</returns>
    public async Task FlushWebhooksAsync(CancellationToken cancellationToken = default)
    {
        while (true)
        {
            Task[] pending;
            lock (_gate)
            {
                pending = [.. _deliveries];
                _deliveries.Clear();
            }

            if (pending.Length == 0)
            {
                return;
            }

            await Task.WhenAll(pending).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try
        {
            await FlushWebhooksAsync().ConfigureAwait(false);
        }
        finally
        {
            _webhookClient.Dispose();
            if (_app is not null)
            {
                await _app.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private DateTime Now
    {
        get
        {
            var now = _time.GetUtcNow().UtcDateTime;
            return new DateTime(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);
        }
    }

    private string Home => (HomeUrl ?? RootUrl).ToString().TrimEnd('/');

    private EmuView View => new(ApiBase, TimeZone, Now);

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
