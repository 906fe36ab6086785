using System.Diagnostics;
using System.Globalization;
using System.Net;
using Connectors.Inventory;
using Connectors.Testing.SapEwm;
using Connectors.Testing.Shopify;
using Connectors.Testing.WooCommerce;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;

namespace Connectors.Reliability.Tests.Infrastructure;

/// <summary>The figures a chaos run with SAP EWM as the warehouse ends with.</summary>
internal sealed record SapEwmChaosReport
{
    public required IReadOnlyDictionary<string, int> FaultsInjected { get; init; }

    public int OrdersPlaced { get; init; }

    /// <summary>Shop orders with exactly one S/4HANA sales order.</summary>
    public int OrdersInSap { get; init; }

    /// <summary>Shop orders with no sales order.</summary>
    public int OrdersMissing { get; init; }

    /// <summary>Shop orders with more than one sales order (a retry that created a second).</summary>
    public int OrdersDuplicated { get; init; }

    public int DeliveriesGoodsIssued { get; init; }

    public int ShipmentsConfirmed { get; init; }

    public int ShipmentsMissing { get; init; }

    public int ShipmentsDuplicated { get; init; }

    public int ReturnsConfirmed { get; init; }

    public required IReadOnlyList<string> LevelMismatches { get; init; }

    public required IReadOnlyList<DeadLetter> DeadLetters { get; init; }

    public bool Converged { get; init; }

    public TimeSpan Elapsed { get; init; }

    public string ToText() =>
        $"faults injected: {string.Join(", ", FaultsInjected.Select(f => f.Key + "=" + f.Value))} (total {FaultsInjected.Values.Sum()}); " +
        $"orders placed {OrdersPlaced}, one sales order each {OrdersInSap}, missing {OrdersMissing}, duplicated {OrdersDuplicated}; " +
        $"deliveries goods-issued {DeliveriesGoodsIssued}, shipments confirmed {ShipmentsConfirmed}, missing {ShipmentsMissing}, duplicated {ShipmentsDuplicated}; " +
        $"returns confirmed {ReturnsConfirmed}; level mismatches {LevelMismatches.Count}; dead letters {DeadLetters.Count}; converged {Converged}; {Elapsed.TotalSeconds:0.0} s";
}

/// <summary>
/// The chaos run with SAP EWM as the warehouse: the host composes <c>AddSapEwm</c> (no WMS code) against the S/4HANA +
/// EWM emulator, on the hosting workers and the SAP EWM worker. The shops and the SAP emulator all inject faults at a
/// steady rate (SAP: 503/429 with Retry-After, 500, HTML 502, dropped connections, truncated JSON, and answers lost
/// after the work was done); EWM picks, packs and posts goods issue on a timer and receives the return. At the end every
/// shop order has exactly one sales order, every goods-issued parcel is confirmed once on its shop, the return is
/// confirmed, and both shops show EWM's unrestricted-use stock.
/// </summary>
internal sealed class SapEwmChaosScenario(ChaosSettings settings, Action<string> output, bool reportDeliveryOrders = false)
{
    private const string Warehouse = "1710";

    private static readonly SapEwmEmulatorFault[] SapFaults =
    [
        SapEwmEmulatorFault.ServiceUnavailable, SapEwmEmulatorFault.TooManyRequests, SapEwmEmulatorFault.InternalServerError,
        SapEwmEmulatorFault.BadGatewayHtml, SapEwmEmulatorFault.ConnectionDrop, SapEwmEmulatorFault.TruncatedJson, SapEwmEmulatorFault.LoseAnswer,
    ];

    private static readonly WooCommerceEmulatorFault[] WooFaults =
        [WooCommerceEmulatorFault.TooManyRequests, WooCommerceEmulatorFault.ServiceUnavailable, WooCommerceEmulatorFault.InternalServerError];

    private static readonly ShopifyEmulatorFault[] ShopifyFaults = [ShopifyEmulatorFault.ServerError, ShopifyEmulatorFault.Slow];

    private readonly Random _random = new(settings.Seed);
    private readonly Dictionary<string, int> _faults = new(StringComparer.Ordinal);
    private readonly List<(string Delivery, string HandlingUnit)> _goodsIssued = [];

    public async Task<SapEwmChaosReport> RunAsync(CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var port = Loopback.FreePort();
        await using var shops = await Shops.StartAsync(port, settings.Skus, cancellationToken);
        shops.Shopify.FaultDelay = TimeSpan.FromMilliseconds(300);
        await using var sap = await SapEwmEmulator.StartAsync(cancellationToken: cancellationToken);
        sap.AddCustomers("17100001");
        foreach (var sku in shops.Skus)
        {
            sap.AddStock(Warehouse, sku, 20 + _random.Next(30), "F2");
            sap.AddStock(Warehouse, sku, 3, "Q2"); // quality stock: not for sale
        }

        await using var app = BuildHost(shops.Settings(port) with { Logs = settings.Logs }, sap, reportDeliveryOrders);
        await app.StartAsync(cancellationToken);

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var stopFaults = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var ewm = Task.Run(() => RunWarehouseAsync(sap, stop.Token), CancellationToken.None);
        var injector = settings.FaultEvery > 0 ? Task.Run(() => InjectAsync(shops, sap, stopFaults.Token), CancellationToken.None) : Task.CompletedTask;

        var placed = new List<(string Channel, string OrderId)>();
        for (var i = 0; i < settings.OrdersPerShop; i++)
        {
            var lines = PickLines(shops);
            placed.Add((HostSettings.Shopify, await shops.Shopify.CreateOrderAsync([.. lines.Select(l => new ShopifyEmulatorLine
            {
                Sku = l.Sku,
                Quantity = l.Quantity,
                UnitPrice = 12.5m,
            })], "EUR", cancellationToken)));
            lines = PickLines(shops);
            placed.Add((HostSettings.Woo, shops.Woo.AddOrder("processing", [.. lines.Select(l => new WooCommerceEmulatorLine
            {
                ProductId = shops.WooProducts[l.Sku],
                Quantity = l.Quantity,
                Price = 12.5m,
            })]).ToString(CultureInfo.InvariantCulture)));
            await Task.Delay(60, cancellationToken);
        }

        // A return on WooCommerce once its order has shipped: it becomes an S/4HANA customer return, EWM receives and
        // inspects it (restock), and the receipt confirms it on the shop.
        var returned = placed.First(p => p.Channel == HostSettings.Woo);
        var returnedId = long.Parse(returned.OrderId, CultureInfo.InvariantCulture);
        await Eventually.WaitAsync(() => Shipments(shops, sap, returned).Found > 0, TimeSpan.FromSeconds(60), cancellationToken);
        shops.Woo.AddRefund(returnedId, shops.Woo.GetLineItemIds(returnedId)[0], 1, "Customer return", restock: false);
        await Eventually.WaitAsync(() => placed.All(p => SalesOrders(sap, p) >= 1), TimeSpan.FromSeconds(60), cancellationToken);
        await stopFaults.CancelAsync();
        await injector;
        output($"faults stopped after {clock.Elapsed.TotalSeconds:0.0} s; {sap.SalesOrderCount} sales orders, {sap.OpenDeliveries().Count} deliveries open");

        var converged = await Eventually.WaitAsync(
            () => placed.All(p => SalesOrders(sap, p) == 1)
                && sap.OpenDeliveries().Count == 0
                && Count(shops, sap, placed) is { Missing: 0, Duplicated: 0 }
                && ReturnNotes(shops, returnedId) >= 1
                && LevelMismatches(shops, sap).Count == 0,
            TimeSpan.FromSeconds(60),
            cancellationToken);
        await stop.CancelAsync();
        await ewm;

        var (confirmed, missing, duplicated) = Count(shops, sap, placed);
        var deadLetters = await app.Services.GetRequiredService<IDeadLetters>().ListAsync(cancellationToken: cancellationToken).ToListAsync(cancellationToken);
        var report = new SapEwmChaosReport
        {
            FaultsInjected = new Dictionary<string, int>(_faults),
            OrdersPlaced = placed.Count,
            OrdersInSap = placed.Count(p => SalesOrders(sap, p) == 1),
            OrdersMissing = placed.Count(p => SalesOrders(sap, p) == 0),
            OrdersDuplicated = placed.Count(p => SalesOrders(sap, p) > 1),
            DeliveriesGoodsIssued = _goodsIssued.Count,
            ShipmentsConfirmed = confirmed,
            ShipmentsMissing = missing,
            ShipmentsDuplicated = duplicated,
            ReturnsConfirmed = ReturnNotes(shops, returnedId),
            LevelMismatches = LevelMismatches(shops, sap),
            DeadLetters = deadLetters,
            Converged = converged,
            Elapsed = clock.Elapsed,
        };
        await app.StopAsync(CancellationToken.None);
        return report;
    }

    private static int SalesOrders(SapEwmEmulator sap, (string Channel, string OrderId) order) =>
        sap.SalesOrdersWithReference(order.Channel + ":" + order.OrderId).Count;

    private static int ReturnNotes(Shops shops, long orderId) =>
        shops.Woo.GetOrderNotes(orderId).Count(n => n.StartsWith("Return received by the warehouse", StringComparison.Ordinal));

    /// <summary>Goods-issued parcels of a shop order that its shop shows: fulfilments on Shopify, notes with the shipment id on WooCommerce.</summary>
    private (int Expected, int Found) Shipments(Shops shops, SapEwmEmulator sap, (string Channel, string OrderId) order)
    {
        HashSet<string> issued;
        lock (_goodsIssued)
        {
            issued = _goodsIssued.Select(g => g.Delivery).ToHashSet(StringComparer.Ordinal);
        }

        var deliveries = sap.SalesOrdersWithReference(order.Channel + ":" + order.OrderId).SelectMany(sap.DeliveriesOf).Where(issued.Contains).ToList();
        if (order.Channel == HostSettings.Shopify)
        {
            return (deliveries.Count, shops.Shopify.GetFulfillmentCount(order.OrderId));
        }

        var notes = shops.Woo.GetOrderNotes(long.Parse(order.OrderId, CultureInfo.InvariantCulture));
        return (deliveries.Count, deliveries.Sum(d => notes.Count(n => n.Contains(d + "/HU" + d, StringComparison.Ordinal))));
    }

    /// <summary>Each goods-issued delivery is one parcel (one handling unit): confirmed once on its shop.</summary>
    private (int Confirmed, int Missing, int Duplicated) Count(Shops shops, SapEwmEmulator sap, IEnumerable<(string Channel, string OrderId)> placed)
    {
        int confirmed = 0, missing = 0, duplicated = 0;
        foreach (var order in placed)
        {
            var (expected, found) = Shipments(shops, sap, order);
            confirmed += Math.Min(expected, found);
            missing += Math.Max(0, expected - found);
            duplicated += Math.Max(0, found - expected);
        }

        return (confirmed, missing, duplicated);
    }

    private static List<string> LevelMismatches(Shops shops, SapEwmEmulator sap)
    {
        var mismatches = new List<string>();
        foreach (var sku in shops.Skus)
        {
            var free = (int)sap.StockOf(Warehouse, sku, "F2");
            var shopify = shops.Shopify.GetAvailable(shops.ShopifyItems[sku], shops.ShopifyLocation);
            var woo = shops.Woo.GetStock(shops.WooProducts[sku]);
            if (shopify != free || woo != free)
            {
                mismatches.Add($"{sku}: EWM {free}, {HostSettings.Shopify} {shopify}, {HostSettings.Woo} {woo}");
            }
        }

        return mismatches;
    }

    /// <summary>EWM on a timer: picks, packs one parcel and posts goods issue for every open delivery; receives and inspects returns.</summary>
    private async Task RunWarehouseAsync(SapEwmEmulator sap, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            foreach (var (delivery, _) in sap.ShipOpenDeliveries())
            {
                lock (_goodsIssued)
                {
                    _goodsIssued.Add((delivery, "HU" + delivery));
                }
            }

            foreach (var (customerReturn, items) in sap.ReturnsAwaitingReceipt())
            {
                sap.InspectReturn(customerReturn, [.. items.Select(i => (i.Material, i.Quantity, "0001"))]);
            }

            try
            {
                await Task.Delay(150, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task InjectAsync(Shops shops, SapEwmEmulator sap, CancellationToken cancellationToken)
    {
        long shopifySeen = 0, wooSeen = 0, sapSeen = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            while (shops.Shopify.Calls - shopifySeen >= settings.FaultEvery)
            {
                shopifySeen += settings.FaultEvery;
                var fault = ShopifyFaults[_random.Next(ShopifyFaults.Length)];
                shops.Shopify.InjectFault(fault);
                Inc("shopify." + fault);
            }

            while (shops.Woo.RequestCount - wooSeen >= settings.FaultEvery)
            {
                wooSeen += settings.FaultEvery;
                var fault = WooFaults[_random.Next(WooFaults.Length)];
                shops.Woo.InjectFault(fault, 1, TimeSpan.FromMilliseconds(200));
                Inc("woocommerce." + fault);
            }

            while (sap.Requests.Count - sapSeen >= settings.FaultEvery)
            {
                sapSeen += settings.FaultEvery;
                var fault = SapFaults[_random.Next(SapFaults.Length)];
                sap.InjectFault(fault);
                Inc("sap." + fault);
            }

            try
            {
                await Task.Delay(20, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        void Inc(string key)
        {
            lock (_faults)
            {
                _faults[key] = _faults.GetValueOrDefault(key) + 1;
            }
        }
    }

    private List<(string Sku, int Quantity)> PickLines(Shops shops)
    {
        var count = 1 + _random.Next(2);
        var lines = new List<(string, int)>();
        for (var tries = 0; tries < 40 && lines.Count < count; tries++)
        {
            var sku = shops.Skus[_random.Next(shops.Skus.Count)];
            if (!lines.Exists(l => l.Item1 == sku))
            {
                lines.Add((sku, 1 + _random.Next(2)));
            }
        }

        return lines;
    }

    /// <summary>The host: as <see cref="ReliabilityHost"/> composes it, with <c>AddSapEwm</c> as the warehouse.</summary>
    private static WebApplication BuildHost(HostSettings settings, SapEwmEmulator sap, bool reportDeliveryOrders)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        if (settings.Logs is not null)
        {
            builder.Logging.AddProvider(settings.Logs);
            builder.Logging.SetMinimumLevel(LogLevel.Trace);
        }

        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, settings.Port));
        builder.Services.AddConnectors(o =>
            {
                o.MaxAttempts = 30;
                o.RetryBaseDelay = TimeSpan.FromMilliseconds(20);
                o.RetryMaxDelay = TimeSpan.FromMilliseconds(500);
                o.LeaseDuration = TimeSpan.FromSeconds(5);
                var shopify = new ChannelInventoryOptions();
                shopify.Locations.Add(new() { WarehouseLocation = Warehouse, ChannelLocation = settings.ShopifyLocation });
                o.Inventory.Channels[HostSettings.Shopify] = shopify;
            })
            .AddMapping(o =>
            {
                foreach (var (channel, profile) in settings.Profiles)
                {
                    o.Channels[channel] = profile;
                }
            })
            .AddSapEwm(o =>
            {
                o.Host = sap.Host;
                o.AllowInsecureHttp = true;
                o.SapClient = sap.SapClient;
                o.UserName = sap.UserName;
                o.Password = sap.Password;
                o.Warehouses.Add(Warehouse);
                o.SalesOrganization = "1710";
                o.DistributionChannel = "10";
                o.OrganizationDivision = "00";
                o.SoldToParty = "17100001";
                o.PollInterval = TimeSpan.FromMilliseconds(500);
                o.StockDeltaInterval = TimeSpan.FromSeconds(1);
                o.AttemptTimeout = TimeSpan.FromSeconds(2);
                o.MaxRetries = 4;
                o.ReportDeliveryOrders = reportDeliveryOrders;
            })
            .AddShopify(HostSettings.Shopify, o =>
            {
                o.BaseAddress = settings.ShopifyBaseAddress;
                o.AccessToken = settings.ShopifyAccessToken;
                o.ClientSecret = settings.ShopifySecret;
                o.DefaultLocationId = settings.ShopifyLocation;
                o.AssumedBucketSize = 20000;
                o.AssumedRestoreRate = 1000;
            })
            .AddWooCommerce(HostSettings.Woo, o =>
            {
                o.BaseUrl = settings.WooBaseUrl;
                o.ConsumerKey = settings.WooKey;
                o.ConsumerSecret = settings.WooSecret;
                o.WebhookSecret = settings.WooWebhookSecret;
                o.AttemptTimeout = TimeSpan.FromSeconds(1);
                o.MaxRetries = 6;
            })
            .AddHosting(o =>
            {
                o.IdleDelay = TimeSpan.FromMilliseconds(50);
                o.OrderPollInterval = TimeSpan.FromMilliseconds(700);
                o.ReconciliationInterval = null;
            });
        builder.Services.Configure<HttpStandardResilienceOptions>("Connectors.Shopify." + HostSettings.Shopify + "-standard", o =>
        {
            o.AttemptTimeout.Timeout = TimeSpan.FromSeconds(1);
            o.CircuitBreaker.SamplingDuration = TimeSpan.FromSeconds(2);
            o.Retry.MaxRetryAttempts = 6;
            o.Retry.Delay = TimeSpan.FromMilliseconds(50);
        });
        builder.Services.AddRouting();
        var app = builder.Build();
        app.MapConnectorWebhooks("/webhooks");
        return app;
    }
}
