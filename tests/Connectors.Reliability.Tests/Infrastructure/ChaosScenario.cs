using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Connectors.Testing.Magento;
using Connectors.Testing.Shopify;
using Microsoft.Extensions.DependencyInjection;
using Connectors.Testing.WooCommerce;

namespace Connectors.Reliability.Tests.Infrastructure;

/// <summary>How big a chaos run is and what it injects.</summary>
internal sealed record ChaosSettings
{
    public int Skus { get; init; } = 12;

    public int OrdersPerShop { get; init; } = 10;

    /// <summary>One fault is queued on an emulator for every this many requests it served while orders flow; 0 for none.</summary>
    public int FaultEvery { get; init; } = 5;

    /// <summary>One request in this many gets a transport fault (reset, reset after send, stall); 0 for none.</summary>
    public int TransportEvery { get; init; } = 9;

    public LogCapture? Logs { get; init; }

    public string? SqlitePath { get; init; }

    /// <summary>Seeds the stock, the order lines and the fault kinds (timing stays the machine's).</summary>
    public int Seed { get; init; } = 7;

    /// <summary>
    /// These settings with what the environment overrides: <c>CONNECTORS_CHAOS_SEED</c>, <c>CONNECTORS_CHAOS_FAULT_EVERY</c>
    /// and <c>CONNECTORS_CHAOS_TRANSPORT_EVERY</c> (integers), so a red run can be repeated with its seed and the rates varied.
    /// </summary>
    public ChaosSettings WithEnvironment() => this with
    {
        Seed = Read("CONNECTORS_CHAOS_SEED") ?? Seed,
        FaultEvery = Read("CONNECTORS_CHAOS_FAULT_EVERY") ?? FaultEvery,
        TransportEvery = Read("CONNECTORS_CHAOS_TRANSPORT_EVERY") ?? TransportEvery,
    };

    private static int? Read(string name) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;
}

/// <summary>The figures a chaos run ends with.</summary>
internal sealed record ChaosReport
{
    public required IReadOnlyDictionary<string, int> FaultsInjected { get; init; }

    public long ShopifyThrottled { get; init; }

    public int WooThrottled { get; init; }

    public long TransportFaults { get; init; }

    public int OrdersPlaced { get; init; }

    public int OrdersByWebhook { get; init; }

    public int OrdersInWms { get; init; }

    public int OrdersMissing { get; init; }

    /// <summary>Effects: orders the key-honouring WMS holds twice (more than one distinct key for an order, or an order never placed).</summary>
    public int OrdersDuplicated { get; init; }

    /// <summary>At-least-once deliveries: submissions the WMS accepted, first ones and repeats.</summary>
    public int WmsSubmitsAccepted { get; init; }

    /// <summary>Orders submitted more than once: a WMS ignoring the idempotency key would hold a second order for each repeat.</summary>
    public int OrdersResubmitted { get; init; }

    public int Shipments { get; init; }

    public int SplitOrPartial { get; init; }

    public int ShipmentsConfirmed { get; init; }

    public int ShipmentsMissing { get; init; }

    public int ShipmentsDuplicated { get; init; }

    public int ReturnsConfirmed { get; init; }

    public int LevelsChecked { get; init; }

    public required IReadOnlyList<string> LevelMismatches { get; init; }

    public required IReadOnlyList<DeadLetter> DeadLetters { get; init; }

    public int InvalidOnPurpose { get; init; }

    public bool Converged { get; init; }

    /// <summary>WooCommerce orders placed unpaid (pending) and paid later: each must reach the WMS once.</summary>
    public int WooPaidLater { get; init; }

    /// <summary>WooCommerce orders placed on-hold unpaid (the shop takes their stock) and cancelled before payment.</summary>
    public int WooCancelled { get; init; }

    /// <summary>Orders placed on the Magento store (polled; Open Source has no webhooks).</summary>
    public int MagentoOrders { get; init; }

    /// <summary>Of those, how many reached the WMS (must be 0).</summary>
    public int WooCancelledInWms { get; init; }

    /// <summary>Refunds the connector wrote on WooCommerce for a return the WMS received with restock.</summary>
    public int WooRestockingRefunds { get; init; }

    /// <summary>WooCommerce levels read against the WMS's available-to-sell while the engine was settled for their SKU.</summary>
    public int LevelSamples { get; init; }

    /// <summary>Samples where the shop showed more than the WMS's available-to-sell (beyond the engine's latency).</summary>
    public IReadOnlyList<string> OverStatements { get; init; } = [];

    public TimeSpan Elapsed { get; init; }

    public int Seed { get; init; }

    public int FaultEvery { get; init; }

    public int TransportEvery { get; init; }

    /// <summary>Each order missing from the WMS with its history (shop, record, inbox, leases, dead letters, log lines).</summary>
    public IReadOnlyList<string> MissingOrderDetails { get; init; } = [];

    /// <summary>The bounded waits that gave up, each with what it waited for; and, when not converged, which end conditions were false.</summary>
    public IReadOnlyList<string> GaveUp { get; init; } = [];

    /// <summary>Each mismatched level with the shop, the WMS and the engine's rows side by side.</summary>
    public IReadOnlyList<string> LevelDetails { get; init; } = [];

    public string ToText() =>
        $"seed {Seed} (CONNECTORS_CHAOS_SEED), fault every {FaultEvery}, transport fault every {TransportEvery}; " +
        $"faults injected: {string.Join(", ", FaultsInjected.Select(f => f.Key + "=" + f.Value))} (total {FaultsInjected.Values.Sum()}), THROTTLED {ShopifyThrottled}, host 429 {WooThrottled}, transport faults {TransportFaults}; " +
        $"orders placed {OrdersPlaced} ({OrdersByWebhook} by webhook), in WMS {OrdersInWms}, missing {OrdersMissing}; " +
        $"at-least-once deliveries: WMS submits accepted {WmsSubmitsAccepted}, {WmsSubmitsAccepted - OrdersInWms} repeats over {OrdersResubmitted} orders (extra orders in a WMS ignoring the key); " +
        $"effects: orders duplicated in the WMS (honouring the key) {OrdersDuplicated}, shipments duplicated on the shops {ShipmentsDuplicated}; " +
        $"shipments {Shipments} ({SplitOrPartial} split/partial parcels), confirmed {ShipmentsConfirmed}, missing {ShipmentsMissing}; " +
        $"returns confirmed {ReturnsConfirmed}; levels checked {LevelsChecked}, mismatched {LevelMismatches.Count}; " +
        $"magento: orders {MagentoOrders}; " +
        $"woocommerce: paid later {WooPaidLater}, cancelled {WooCancelled} (in WMS {WooCancelledInWms}), restocking refunds {WooRestockingRefunds}, " +
        $"level samples {LevelSamples}, over-statements {OverStatements.Count}; " +
        $"dead letters {DeadLetters.Count} (invalid on purpose {InvalidOnPurpose}); converged {Converged}; {Elapsed.TotalSeconds:0.0} s" +
        (GaveUp.Count == 0 ? string.Empty : "; " + string.Join("; ", GaveUp));
}

/// <summary>
/// The chaos run: both emulators inject faults at a steady rate (plus transport resets and stalls below the clients)
/// while a host on the workers syncs the catalogue, ingests orders from both shops by webhook and by polling, confirms
/// shipments (split and partial) and processes a return; WooCommerce moves its own stock meanwhile (orders paid later,
/// on-hold orders cancelled, a restocking return refund) while its levels are sampled against the WMS's
/// available-to-sell; a Magento store (MSI reservations compensated by the connector) takes an order every other round,
/// polled, with its own faults; then it waits for the system to settle and reads the end state back from the shops and the WMS.
/// </summary>
internal sealed class ChaosScenario(ChaosSettings settings, Action<string> output)
{
    // Shopify's non-bucket 429 is a daily limit, permanent by design (ShopifyLimitExceededException), so it is not
    // injected; Shopify throttling comes from the emulator's query-cost bucket, kept small so THROTTLED happens.
    private static readonly ShopifyEmulatorFault[] ShopifyFaults =
        [ShopifyEmulatorFault.ServerError, ShopifyEmulatorFault.MalformedJson, ShopifyEmulatorFault.Slow];

    private static readonly MagentoEmulatorFault[] MagentoFaults =
        [MagentoEmulatorFault.InternalError, MagentoEmulatorFault.MaintenancePage, MagentoEmulatorFault.PhpNotice];

    private static readonly WooCommerceEmulatorFault[] WooFaults =
    [
        WooCommerceEmulatorFault.TooManyRequests, WooCommerceEmulatorFault.ServiceUnavailable, WooCommerceEmulatorFault.InternalServerError,
        WooCommerceEmulatorFault.MalformedJson, WooCommerceEmulatorFault.PhpNotice, WooCommerceEmulatorFault.TypeDrift,
    ];

    private readonly Random _random = new(settings.Seed);
    private readonly Dictionary<string, int> _faults = new(StringComparer.Ordinal);
    private readonly List<WarehouseShipment> _shipments = [];
    private readonly HashSet<(string, string)> _shipped = [];
    private readonly HashSet<string> _received = new(StringComparer.Ordinal);

    public async Task<ChaosReport> RunAsync(CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var port = Loopback.FreePort();
        await using var shops = await Shops.StartAsync(port, settings.Skus, cancellationToken, magento: true);
        shops.Shopify.FaultDelay = TimeSpan.FromMilliseconds(300);
        var warehouse = new StockWarehouse(shops.Skus.Select(s => (s, 20 + _random.Next(30))));
        var chaos = new TransportChaos { Every = settings.TransportEvery };
        var hostSettings = shops.Settings(port) with { Chaos = chaos, Logs = settings.Logs, SqlitePath = settings.SqlitePath, RefundReturns = true };
        await using var app = ReliabilityHost.Build(hostSettings, warehouse);
        await app.StartAsync(cancellationToken);
        var events = app.Services.GetRequiredService<IConnectorEvents>();

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var stopFaults = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var wms = Task.Run(() => RunWarehouseAsync(warehouse, events, stop.Token), CancellationToken.None);
        var injector = settings.FaultEvery > 0 ? Task.Run(() => InjectAsync(shops, stopFaults.Token), CancellationToken.None) : Task.CompletedTask;
        var sampler = new WooLevelSampler(shops, warehouse, app.Services.GetRequiredService<ISyncStateStore>());
        var sampling = Task.Run(() => sampler.RunAsync(stop.Token), CancellationToken.None);

        // What each bounded wait was for, when it gave up (the run goes on and the end state says what is wrong).
        var gaveUp = new List<string>();

        // Orders on both shops: Shopify delivers webhooks (and is polled), WooCommerce is polled, and from half-way also delivers webhooks.
        var placed = new List<(string Channel, string OrderId)>();
        var paidLater = new List<long>();
        var toCancel = new List<long>();
        var byWebhook = 0;
        var magentoOrders = 0;
        for (var i = 0; i < settings.OrdersPerShop; i++)
        {
            if (i % 2 == 0 && shops.Magento is not null)
            {
                // Magento: every other round, polled. Its reservation holds the units from placing to shipping.
                var magentoLines = PickLines(shops, warehouse);
                var magentoId = shops.Magento!.PlaceOrder([.. magentoLines.Select(l => MagentoEmulatorLine.Simple(l.Sku, l.Quantity, 12.5m))]);
                placed.Add((HostSettings.Magento, magentoId.ToString(CultureInfo.InvariantCulture)));
                magentoOrders++;
                Note($"placed order {magentoId} on {HostSettings.Magento}: {Lines(magentoLines)}");
            }

            var lines = PickLines(shops, warehouse);
            placed.Add((HostSettings.Shopify, await shops.Shopify.CreateOrderAsync([.. lines.Select(l => new ShopifyEmulatorLine
            {
                Sku = l.Sku,
                Quantity = l.Quantity,
                UnitPrice = 12.5m,
            })], "EUR", cancellationToken)));
            Note($"placed order {placed[^1].OrderId} on {HostSettings.Shopify}: {Lines(lines)}");
            byWebhook++;
            if (i == settings.OrdersPerShop / 2)
            {
                shops.Woo.AddWebhook("order.created", new Uri($"http://127.0.0.1:{port}/webhooks/{HostSettings.Woo}"), Shops.WooWebhookSecret);
            }

            // WooCommerce moves its own stock: most orders are paid at once (the shop takes the units), some are placed
            // unpaid and paid later (the shop takes them at payment), some on-hold unpaid and cancelled (taken, then put back).
            lines = PickLines(shops, warehouse);
            WooCommerceEmulatorLine[] wooLines = [.. lines.Select(l => new WooCommerceEmulatorLine
            {
                ProductId = shops.WooProducts[l.Sku],
                Quantity = l.Quantity,
                Price = 12.5m,
            })];
            var (status, paid) = (i % 4) switch { 1 => ("pending", false), 3 => ("on-hold", false), _ => ("processing", true) };
            var wooId = shops.Woo.AddOrder(status, wooLines, paid);
            Note($"placed order {wooId} on {HostSettings.Woo} as {status} (paid {paid}): {Lines(lines)}");
            sampler.Track(wooId, lines);
            if (status == "on-hold")
            {
                toCancel.Add(wooId);
            }
            else
            {
                placed.Add((HostSettings.Woo, wooId.ToString(CultureInfo.InvariantCulture)));
                if (status == "pending")
                {
                    paidLater.Add(wooId);
                }
            }

            byWebhook += i > settings.OrdersPerShop / 2 ? 1 : 0;
            await Task.Delay(60, cancellationToken);
        }

        // Inputs made invalid on purpose: authentic (signed) but malformed webhooks, one per shop. Each must be a dead letter.
        var invalid = await SendInvalidWebhooksAsync(shops, port, cancellationToken);

        // Once the engine holds the unpaid orders (their windows open, the pushes done): pay some, cancel the others.
        await Task.Delay(1500, cancellationToken);
        foreach (var id in paidLater)
        {
            shops.Woo.SetOrderStatus(id, "processing");
            Note($"paid order {id} on {HostSettings.Woo} (processing)");
        }

        foreach (var id in toCancel)
        {
            shops.Woo.SetOrderStatus(id, "cancelled");
            Note($"cancelled order {id} on {HostSettings.Woo}");
        }

        // A return the WMS receives for a WooCommerce order without a return on the shop: the connector refunds the
        // line, and the restocked unit must reach the shop once (through the push), not a second time through the refund.
        var restocked = placed.Last(p => p.Channel == HostSettings.Woo && !paidLater.Contains(long.Parse(p.OrderId, CultureInfo.InvariantCulture)));
        var restockedId = long.Parse(restocked.OrderId, CultureInfo.InvariantCulture);
        await WaitAsync($"order {restocked.OrderId} of {restocked.Channel} (to be returned by the WMS) shipped", () => Shipped(restocked), 40);
        var restockedLine = warehouse.Orders.TryGetValue(restocked, out var restockedOrder)
            ? restockedOrder.Lines[0]
            : throw new InvalidOperationException($"order {restocked.OrderId} of {restocked.Channel} never reached the WMS; " + string.Join("; ", gaveUp));
        var wmsReturn = new ReturnReceipt("RCPT-WMS-" + restocked.OrderId, HostSettings.Woo, restocked.OrderId, restocked.OrderId,
            [new ReturnReceiptLine(restockedLine.Sku, 1, restock: true, channelLineId: restockedLine.ChannelLineId)], DateTimeOffset.UtcNow);
        warehouse.Receive(wmsReturn);
        await events.PublishReturnReceiptAsync(wmsReturn, cancellationToken);

        // A return on WooCommerce once its order has shipped: the buyer's refund with a line, polled as a return request.
        var returned = placed.First(p => p.Channel == HostSettings.Woo);
        var returnedId = long.Parse(returned.OrderId, CultureInfo.InvariantCulture);
        await WaitAsync($"order {returned.OrderId} of {returned.Channel} (to be returned on the shop) shipped", () => Shipped(returned), 40);
        shops.Woo.AddRefund(returnedId, shops.Woo.GetLineItemIds(returnedId)[0], 1, "Customer return", restock: false);
        await WaitAsync("every placed order in the WMS", () => placed.All(p => warehouse.Orders.ContainsKey(p)), 40);
        await stopFaults.CancelAsync();
        await injector;
        chaos.Every = 0;

        // Settle: every order shipped and confirmed, the return confirmed, every level equal to the WMS's.
        Note("faults stopped; waiting for the end state");
        (string What, Func<bool> Holds)[] endState =
        [
            ("every placed order in the WMS and shipped", () => placed.All(p => warehouse.Orders.ContainsKey(p) && Shipped(p))),
            ("every shipment on its shop", () => ShipmentCounts(shops).Missing == 0),
            ($"the return note on order {returnedId}", () => ReturnNotes(shops, returnedId) >= 1),
            ($"the refund of the WMS-received return on order {restockedId}", () => shops.Woo.GetRefundCount(restockedId) >= 1),
            ("every level equal to the WMS's", () => shops.LevelMismatches(warehouse).Count == 0),
        ];
        var converged = await WaitAsync("the end state", () => endState.All(c => c.Holds()), 45);
        if (!converged)
        {
            gaveUp.Add("end state not reached: " + string.Join("; ", endState.Where(c => !c.Holds()).Select(c => c.What)));
        }

        await stop.CancelAsync();
        await wms;
        await sampling;

        var (confirmed, missing, duplicated) = ShipmentCounts(shops);
        var deadLetters = await app.Services.GetRequiredService<IDeadLetters>().ListAsync(cancellationToken: cancellationToken).ToListAsync(cancellationToken);
        var missingOrders = placed.Where(p => !warehouse.Orders.ContainsKey(p)).ToList();
        var orderDetails = await ChaosDiagnostics.DescribeOrdersAsync(app.Services, missingOrders, settings.Logs, cancellationToken);
        var levelDetails = await ChaosDiagnostics.DescribeLevelsAsync(app.Services, shops, warehouse, cancellationToken);
        var report = new ChaosReport
        {
            FaultsInjected = new Dictionary<string, int>(_faults),
            TransportFaults = chaos.Total,
            ShopifyThrottled = shops.Shopify.ThrottledResponses,
            WooThrottled = shops.Woo.ThrottledCount,
            OrdersPlaced = placed.Count,
            OrdersByWebhook = byWebhook,
            OrdersInWms = placed.Count(p => warehouse.Orders.ContainsKey(p)),
            OrdersMissing = placed.Count(p => !warehouse.Orders.ContainsKey(p)),
            OrdersDuplicated = warehouse.Acceptances.Values.Count(c => c > 1) + (warehouse.Orders.Count - placed.Count),
            WmsSubmitsAccepted = warehouse.AcceptedSubmitCalls.Values.Sum(),
            OrdersResubmitted = warehouse.AcceptedSubmitCalls.Values.Count(c => c > 1),
            Shipments = _shipments.Count,
            SplitOrPartial = _shipments.Count - _shipments.Select(s => (s.Channel, s.ChannelOrderId)).Distinct().Count(),
            ShipmentsConfirmed = confirmed,
            ShipmentsMissing = missing,
            ShipmentsDuplicated = duplicated,
            ReturnsConfirmed = ReturnNotes(shops, returnedId),
            LevelsChecked = shops.Skus.Count * 3,
            MagentoOrders = magentoOrders,
            LevelMismatches = shops.LevelMismatches(warehouse),
            DeadLetters = deadLetters,
            InvalidOnPurpose = invalid,
            Converged = converged,
            WooPaidLater = paidLater.Count,
            WooCancelled = toCancel.Count,
            WooCancelledInWms = toCancel.Count(id => warehouse.Orders.ContainsKey((HostSettings.Woo, id.ToString(CultureInfo.InvariantCulture)))),
            WooRestockingRefunds = shops.Woo.GetRefundCount(restockedId),
            LevelSamples = sampler.SettledReadings,
            OverStatements = sampler.OverStatements,
            Elapsed = clock.Elapsed,
            Seed = settings.Seed,
            FaultEvery = settings.FaultEvery,
            TransportEvery = settings.TransportEvery,
            MissingOrderDetails = orderDetails,
            LevelDetails = levelDetails,
            GaveUp = gaveUp,
        };
        await app.StopAsync(CancellationToken.None);
        return report;

        void Note(string text) => settings.Logs?.Note(text);

        async Task<bool> WaitAsync(string what, Func<bool> condition, int seconds)
        {
            if (await Eventually.WaitAsync(condition, TimeSpan.FromSeconds(seconds), cancellationToken))
            {
                return true;
            }

            gaveUp.Add($"gave up after {seconds} s waiting for {what}");
            Note($"gave up after {seconds} s waiting for {what}");
            return false;
        }

        static string Lines(IEnumerable<(string Sku, int Quantity)> lines) => string.Join(", ", lines.Select(l => $"{l.Sku} x{l.Quantity}"));

        bool Shipped((string, string) order)
        {
            lock (_shipments)
            {
                return _shipped.Contains(order);
            }
        }
    }

    private static int ReturnNotes(Shops shops, long orderId) =>
        shops.Woo.GetOrderNotes(orderId).Count(n => n.StartsWith("Return received by the warehouse", StringComparison.Ordinal));

    private (int Confirmed, int Missing, int Duplicated) ShipmentCounts(Shops shops)
    {
        List<WarehouseShipment> shipments;
        lock (_shipments)
        {
            shipments = [.. _shipments];
        }

        int confirmed = 0, missing = 0, duplicated = 0;
        foreach (var order in shipments.GroupBy(s => (s.Channel, s.ChannelOrderId)))
        {
            if (order.Key.Channel is HostSettings.Shopify or HostSettings.Magento)
            {
                var found = order.Key.Channel == HostSettings.Shopify
                    ? shops.Shopify.GetFulfillmentCount(order.Key.ChannelOrderId)
                    : shops.Magento!.GetShipmentCount(long.Parse(order.Key.ChannelOrderId, CultureInfo.InvariantCulture));
                confirmed += Math.Min(found, order.Count());
                missing += Math.Max(0, order.Count() - found);
                duplicated += Math.Max(0, found - order.Count());
            }
            else
            {
                var notes = shops.Woo.GetOrderNotes(long.Parse(order.Key.ChannelOrderId, CultureInfo.InvariantCulture));
                foreach (var shipment in order)
                {
                    var found = notes.Count(n => n.Contains(shipment.ShipmentId, StringComparison.Ordinal));
                    confirmed += Math.Min(found, 1);
                    missing += found == 0 ? 1 : 0;
                    duplicated += Math.Max(0, found - 1);
                }
            }
        }

        return (confirmed, missing, duplicated);
    }

    /// <summary>The WMS side: feeds stock changes to the engine, ships every order it holds (some split, some partial), receives returns.</summary>
    private async Task RunWarehouseAsync(StockWarehouse warehouse, IConnectorEvents events, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                foreach (var order in warehouse.Orders.Values.OrderBy(o => o.ChannelOrderId, StringComparer.Ordinal).ToList())
                {
                    if (_shipped.Contains((order.Channel, order.ChannelOrderId)))
                    {
                        continue;
                    }

                    foreach (var shipment in Parcels(order))
                    {
                        await events.PublishShipmentAsync(shipment, cancellationToken);
                        warehouse.Ship(shipment);
                        lock (_shipments)
                        {
                            _shipments.Add(shipment);
                        }
                    }

                    lock (_shipments)
                    {
                        _shipped.Add((order.Channel, order.ChannelOrderId));
                    }
                }

                foreach (var expected in warehouse.ExpectedReturns.Where(r => !_received.Contains(r.ReturnId)).ToList())
                {
                    var receipt = new ReturnReceipt("RCPT-" + expected.ReturnId, expected.Channel, expected.ReturnId, expected.ChannelOrderId,
                        [.. expected.Lines.Select(l => new ReturnReceiptLine(l.Sku, l.Quantity, restock: true))], DateTimeOffset.UtcNow);
                    await events.PublishReturnReceiptAsync(receipt, cancellationToken);
                    warehouse.Receive(receipt);
                    _received.Add(expected.ReturnId);
                }

                var changes = warehouse.TakeChanges();
                if (changes.Count > 0)
                {
                    await events.PublishStockLevelsAsync(changes, cancellationToken);
                }

                await Task.Delay(100, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    /// <summary>One parcel; or, every other order with two lines, two parcels (split); or, for a line of 2+, 1 unit first then the rest (partial).</summary>
    private List<WarehouseShipment> Parcels(WarehouseOrder order)
    {
        var lines = order.Lines.Select(l => new WarehouseShipmentLine(l.Sku, l.Quantity, l.LineId)).ToList();
        List<List<WarehouseShipmentLine>> parcels;
        var n = _shipments.Count;
        if (lines.Count >= 2 && n % 2 == 0)
        {
            parcels = [[lines[0]], [.. lines.Skip(1)]];
        }
        else if (lines.Count == 1 && lines[0].Quantity >= 2 && n % 3 == 0)
        {
            parcels = [[new WarehouseShipmentLine(lines[0].Sku, 1, lines[0].OrderLineId)], [new WarehouseShipmentLine(lines[0].Sku, lines[0].Quantity - 1, lines[0].OrderLineId)]];
        }
        else
        {
            parcels = [lines];
        }

        return [.. parcels.Select((p, i) =>
        {
            var id = $"SHP-{order.Channel}-{order.ChannelOrderId.Split('/')[^1]}-{i + 1}";
            return new WarehouseShipment(id, order.Channel, order.ChannelOrderId, p, DateTimeOffset.UtcNow, "DHL", "PAKET",
                [new TrackingInfo("TRK" + id, new Uri("https://track.example/" + id), "DHL")]);
        })];
    }

    /// <summary>Queues one fault on an emulator for every <see cref="ChaosSettings.FaultEvery"/> requests it served: a steady fault rate.</summary>
    private async Task InjectAsync(Shops shops, CancellationToken cancellationToken)
    {
        long shopifySeen = 0, wooSeen = 0, magentoSeen = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            while (shops.Shopify.Calls - shopifySeen >= settings.FaultEvery)
            {
                shopifySeen += settings.FaultEvery;
                var fault = ShopifyFaults[_random.Next(ShopifyFaults.Length)];
                shops.Shopify.InjectFault(fault);
                Count("shopify." + fault);
            }

            while (shops.Woo.RequestCount - wooSeen >= settings.FaultEvery)
            {
                wooSeen += settings.FaultEvery;
                var fault = WooFaults[_random.Next(WooFaults.Length)];
                shops.Woo.InjectFault(fault, 1, TimeSpan.FromMilliseconds(200));
                Count("woocommerce." + fault);
            }

            while (shops.Magento is { } magento && magento.Requests.Count - magentoSeen >= settings.FaultEvery)
            {
                magentoSeen += settings.FaultEvery;
                var fault = MagentoFaults[_random.Next(MagentoFaults.Length)];
                magento.InjectFault(fault);
                Count("magento." + fault);
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

        void Count(string key)
        {
            lock (_faults)
            {
                _faults[key] = _faults.GetValueOrDefault(key) + 1;
            }
        }
    }

    private List<(string Sku, int Quantity)> PickLines(Shops shops, StockWarehouse warehouse)
    {
        var count = 1 + _random.Next(2);
        var lines = new List<(string, int)>();
        for (var tries = 0; tries < 40 && lines.Count < count; tries++)
        {
            var sku = shops.Skus[_random.Next(shops.Skus.Count)];
            if (warehouse.Free(sku) >= 8 && !lines.Exists(l => l.Item1 == sku))
            {
                lines.Add((sku, 1 + _random.Next(2)));
            }
        }

        return lines.Count > 0 ? lines : [(shops.Skus[0], 1)];
    }

    private async Task<int> SendInvalidWebhooksAsync(Shops shops, int port, CancellationToken cancellationToken)
    {
        var shopifyStatus = await shops.Shopify.DeliverWebhookAsync("orders/create", """{"id":"not-a-number","line_items":"none"}""", cancellationToken);
        using var client = new HttpClient();
        var body = Encoding.UTF8.GetBytes("""{"id":987654,"status":"processing","currency":null,"line_items":[{"id":1,"product_id":5,"quantity":"lots"}]}""");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"http://127.0.0.1:{port}/webhooks/{HostSettings.Woo}") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-WC-Webhook-Topic", "order.created");
        request.Headers.Add("X-WC-Webhook-Delivery-ID", "invalid-on-purpose");
        request.Headers.Add("X-WC-Webhook-Signature", WebhookSignature.ComputeHmacSha256Base64(body, Shops.WooWebhookSecret));
        using var response = await client.SendAsync(request, cancellationToken);
        output($"invalid on purpose: shopify webhook -> {(int)shopifyStatus}, woocommerce webhook -> {(int)response.StatusCode}");
        return 2;
    }
}
