using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Connectors.Mapping.Profiles;
using Connectors.Testing;
using Connectors.Testing.Shopify;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Connectors.Testing.Magento;
using Connectors.Testing.WooCommerce;

namespace Connectors.Samples.ConsoleHost;

/// <summary>
/// The demo, callable: starts the Shopify and WooCommerce emulators on loopback, seeds them from a generated
/// catalogue, builds the host (<see cref="DemoHost"/>) and runs the flows phase by phase — full inventory sync,
/// orders by webhook and by polling, shipments (some split), a return, reconciliation — then checks the end state
/// against the shops and returns the <see cref="DemoSummary"/>.
/// </summary>
internal sealed class DemoScenario(DemoOptions options, IDemoReporter? reporter = null)
{
    private const string WooWebhookSecret = "woo-demo-webhook-secret";
    private readonly IDemoReporter _reporter = reporter ?? SilentReporter.Instance;
    private readonly Random _random = new(options.Seed);

    /// <summary>Runs the demo against the emulators.</summary>
    public async Task<DemoSummary> RunAsync(CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        var catalog = DemoCatalog.Generate(options.Skus, options.Seed);
        var warehouse = new DemoWarehouse(catalog.Stock);
        var dataDirectory = options.DataDirectory ?? Path.Combine(Path.GetTempPath(), "connectors-sample-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dataDirectory);
        var port = FreePort();
        using var metrics = new DemoMetrics();

        var phase = _reporter.Start("Starting emulators and host", 3);
        await using var shopify = await ShopifyEmulator.StartAsync(
            new ShopifyEmulatorOptions
            {
                WebhookUrl = new Uri($"http://127.0.0.1:{port}/webhooks/{DemoOptions.ShopifyChannel}"),
                // The emulator checks every document against Shopify's published schema when the contracts folder is
                // beside the repository; a checkout without it still runs the demo.
                ValidateDocuments = ContractFiles.Root is not null,
            }.UsePlan(ShopifyEmulatorPlan.Plus), cancellationToken);
        await using var woo = await WooCommerceEmulator.StartAsync(cancellationToken: cancellationToken);
        woo.Currency = DemoCatalog.Currency;
        woo.MaxConcurrentRequests = 1; // a small shop: more than one request at once get 429 + Retry-After, which the channel absorbs
        woo.ThrottleRetryAfter = TimeSpan.FromMilliseconds(250);
        await using var magento = await MagentoEmulator.StartAsync(cancellationToken: cancellationToken);
        magento.BaseCurrency = DemoCatalog.Currency;
        foreach (var source in DemoHost.MagentoSources.Values.Where(s => s != "default"))
        {
            magento.AddSource(source);
        }

        phase.Advance();
        var shop = Seed(catalog, shopify, woo, magento);
        phase.Advance();
        var endpoints = new DemoHost.ChannelEndpoints(
            shopify.BaseAddress, shopify.Options.AccessToken, shopify.Options.ClientSecret, shopify.Options.BucketSize, shopify.Options.RestoreRate, woo.BaseUrl, woo.ConsumerKey, woo.ConsumerSecret, WooWebhookSecret)
        {
            Magento = new DemoHost.MagentoEndpoint(magento.BaseUrl, magento.ConsumerKey, magento.ConsumerSecret, magento.AccessToken, magento.AccessTokenSecret),
        };
        await using var app = DemoHost.Build(new ConfigurationBuilder().Build(), warehouse, Path.Combine(dataDirectory, "connectors.db"), port, endpoints, shop.Profiles, shop.ShopifyLocations);
        await app.StartAsync(cancellationToken);
        phase.Done($"Shopify {shopify.BaseAddress}, WooCommerce {woo.BaseUrl}, Magento {magento.BaseUrl}, webhooks http://127.0.0.1:{port}/webhooks, state {dataDirectory}");

        var phaseClock = Stopwatch.StartNew();
        string Took()
        {
            var took = $" ({phaseClock.Elapsed.TotalSeconds:0.0} s)";
            phaseClock.Restart();
            return took;
        }

        var services = app.Services;
        var inventory = services.GetRequiredService<IInventorySync>();
        var orders = services.GetRequiredService<IOrderSync>();
        var fulfillment = services.GetRequiredService<IFulfillmentSync>();
        var reconciler = services.GetRequiredService<IReconciler>();
        string[] channels = [DemoOptions.ShopifyChannel, DemoOptions.WooChannel, DemoOptions.MagentoChannel];

        if (options.DryRun)
        {
            phase = _reporter.Start("Dry run: what a full sync would push", 1);
            var plan = await inventory.DryRunAsync(cancellationToken);
            phase.Done($"{plan.Channels.Sum(c => c.Changes.Count)} changes planned, nothing pushed");
            foreach (var channelPlan in plan.Channels)
            {
                foreach (var change in channelPlan.Changes.Take(5))
                {
                    _reporter.Note($"would push {channelPlan.Channel} {change.Sku ?? change.Key.ChannelItemId} @ {change.Key.LocationId}: {change.Acknowledged?.ToString(CultureInfo.InvariantCulture) ?? "unknown"} -> {change.Quantity}");
                }
            }

            return new DemoSummary
            {
                DryRun = true,
                PlannedChanges = plan.Channels.ToDictionary(c => c.Channel, c => c.Changes.Count),
                ItemsPushed = metrics.PushedItems,
                ApiCalls = shopify.Calls + woo.RequestCount + magento.Requests.Count,
                Elapsed = clock.Elapsed,
            };
        }

        // 1. Full inventory sync: recompute every (channel, item, location) row, then push the differences.
        phase = _reporter.Start("Full inventory sync", shop.ChannelRows);
        var full = await inventory.FullSyncAsync(cancellationToken);
        await DrainInventoryAsync(inventory, channels, phase, cancellationToken);
        phase.Done($"{full.Channels.Sum(c => c.RowsComputed)} rows computed{Took()}");
        metrics.ResetLatencies(); // latency below: WMS changes after the full sync (orders, shipments, return)

        // 1b. Prices: the WMS's price book through each price channel's rules (WooCommerce: EUR, 20 % markup, .99
        //     endings, case and bundle discounts, a week's sale the shop schedules itself, pushed in the same batches as
        //     stock; Shopify: EUR, 25 % markup, .95 endings, the same sale resolved by the engine as price + compare-at
        //     price, productVariantsBulkUpdate per product; Magento: WooCommerce's rules, base and special prices with the
        //     sale resolved by the engine). Then a wrong decimal point for one SKU: the 10x change is held for a person,
        //     not pushed.
        var registry = services.GetRequiredService<IChannelRegistry>();
        var prices = services.GetRequiredService<IPriceSync>();
        string[] priceChannels = [.. channels.Where(c => registry.TryGetPort<IPriceChannel>(c, out _))];
        phase = _reporter.Start("Prices", 2);
        await prices.RecordPricesAsync(catalog.BasePrices, cancellationToken);
        var pricesPushed = await DrainPricesAsync(prices, priceChannels, cancellationToken);
        phase.Advance();
        var mistyped = catalog.BasePrices[0];
        await prices.RecordPricesAsync([mistyped with { Price = new Money(mistyped.Price.Amount * 10m, mistyped.Price.Currency) }], cancellationToken);
        pricesPushed += await DrainPricesAsync(prices, priceChannels, cancellationToken);
        var held = await services.GetRequiredService<IPriceHolds>().ListAsync(cancellationToken: cancellationToken).ToListAsync(cancellationToken);
        phase.Done($"{pricesPushed} prices pushed to {string.Join(", ", priceChannels)}, {held.Count} held for a person ({mistyped.Sku} published at 10x){Took()}");

        // 2. Orders on the three shops: Shopify by webhook, WooCommerce half by polling, half by webhook, Magento by
        //    polling (Open Source has no webhooks).
        var placed = new List<(string Channel, string OrderId)>();
        var byWebhook = 0;
        phase = _reporter.Start("Orders placed and ingested", options.Orders * 2);
        var shopifyOrders = options.Orders / 3;
        var magentoOrders = options.Orders / 4;
        var wooOrders = options.Orders - shopifyOrders - magentoOrders;
        for (var i = 0; i < shopifyOrders; i++)
        {
            var lines = PickLines(catalog, warehouse).Select(l => new ShopifyEmulatorLine
            {
                Sku = l.ChannelSku,
                Quantity = l.Quantity,
                UnitPrice = l.Price,
            }).ToList();
            placed.Add((DemoOptions.ShopifyChannel, await shopify.CreateOrderAsync(lines, "EUR", cancellationToken))); // webhook delivered inside
            byWebhook++;
            phase.Advance();
        }

        for (var i = 0; i < wooOrders; i++)
        {
            if (i == wooOrders / 2)
            {
                woo.AddWebhook("order.created", new Uri($"http://127.0.0.1:{port}/webhooks/{DemoOptions.WooChannel}"), WooWebhookSecret);
            }

            var lines = PickLines(catalog, warehouse).Select(l => new WooCommerceEmulatorLine
            {
                ProductId = shop.WooProducts[l.ChannelSku],
                Quantity = l.Quantity,
                Price = l.Price,
            }).ToList();
            placed.Add((DemoOptions.WooChannel, woo.AddOrder("processing", lines).ToString(CultureInfo.InvariantCulture)));
            byWebhook += i >= wooOrders / 2 ? 1 : 0;
            phase.Advance();
        }

        for (var i = 0; i < magentoOrders; i++)
        {
            var lines = PickLines(catalog, warehouse).Select(l => MagentoEmulatorLine.Simple(l.ChannelSku, l.Quantity, l.Price)).ToList();
            placed.Add((DemoOptions.MagentoChannel, magento.PlaceOrder(lines, currency: DemoCatalog.Currency).ToString(CultureInfo.InvariantCulture)));
            phase.Advance();
        }

        await woo.FlushWebhooksAsync(cancellationToken);
        foreach (var channel in channels)
        {
            await orders.PollAsync(channel, cancellationToken); // finds the polled ones; webhook ones are duplicates
        }

        await DrainInboxAsync(orders, phase, cancellationToken);
        await RecordWarehouseChangesAsync(warehouse, inventory, channels, cancellationToken);
        phase.Done($"{placed.Count} placed ({byWebhook} by webhook), {warehouse.Orders.Count} in the WMS{Took()}");

        // 3. Shipments: one per order, every third order with two or more lines split in two parcels.
        phase = _reporter.Start("Shipments", warehouse.Orders.Count);
        var shipments = new List<WarehouseShipment>();
        var index = 0;
        foreach (var order in warehouse.Orders.Values.OrderBy(o => o.Channel, StringComparer.Ordinal).ThenBy(o => o.ChannelOrderId, StringComparer.Ordinal))
        {
            var groups = order.Lines.GroupBy(l => l.ChannelLineId, StringComparer.Ordinal).Select(g => g.ToList()).ToList();
            List<List<WarehouseOrderLine>> parcels = groups.Count >= 2 && index++ % 3 == 0
                ? [groups[0], [.. groups.Skip(1).SelectMany(g => g)]]
                : [[.. groups.SelectMany(g => g)]];
            foreach (var parcel in parcels)
            {
                var id = "SHP-" + (shipments.Count + 1).ToString("D5", CultureInfo.InvariantCulture);
                var shipment = new WarehouseShipment(
                    id, order.Channel, order.ChannelOrderId, [.. parcel.Select(l => new WarehouseShipmentLine(l.Sku, l.Quantity, l.LineId))], DateTimeOffset.UtcNow,
                    "DHL", "PAKET", [new TrackingInfo("TRK" + id[4..], new Uri("https://track.example/TRK" + id[4..]), "DHL")]);
                warehouse.Ship(shipment);
                await fulfillment.PublishShipmentAsync(shipment, cancellationToken);
                shipments.Add(shipment);
            }

            phase.Advance();
        }

        await DrainOutboxAsync(fulfillment, cancellationToken);
        await RecordWarehouseChangesAsync(warehouse, inventory, channels, cancellationToken);
        phase.Done($"{shipments.Count} shipments, {shipments.Count - warehouse.Orders.Count} of them second parcels{Took()}");

        // 4. A return on WooCommerce (a refund with lines): requested by the buyer, announced to the WMS, received
        //    and restocked there, confirmed on the shop (an order note). The stock goes back through the WMS.
        phase = _reporter.Start("Return", 3);
        var returnsRequested = 0;
        var returnsCompleted = 0;
        var returned = placed.FirstOrDefault(p => p.Channel == DemoOptions.WooChannel);
        if (returned.OrderId is not null)
        {
            var wooOrderId = long.Parse(returned.OrderId, CultureInfo.InvariantCulture);
            woo.AddRefund(wooOrderId, woo.GetLineItemIds(wooOrderId)[0], 1, "Customer return", restock: false);
            returnsRequested++;
            await orders.PollReturnsAsync(DemoOptions.WooChannel, cancellationToken);
            await DrainInboxAsync(orders, null, cancellationToken);
            phase.Advance();
            foreach (var expected in warehouse.ExpectedReturns.Where(r => r.ChannelOrderId == returned.OrderId))
            {
                var receipt = new ReturnReceipt("RCPT-" + expected.ReturnId, expected.Channel, expected.ReturnId, expected.ChannelOrderId, [.. expected.Lines.Select(l => new ReturnReceiptLine(l.Sku, l.Quantity, restock: true))], DateTimeOffset.UtcNow);
                warehouse.Receive(receipt);
                await fulfillment.PublishReturnReceiptAsync(receipt, cancellationToken);
                phase.Advance();
            }

            await DrainOutboxAsync(fulfillment, cancellationToken);
            await RecordWarehouseChangesAsync(warehouse, inventory, channels, cancellationToken);
            returnsCompleted = woo.GetOrderNotes(wooOrderId).Count(n => n.StartsWith("Return received by the warehouse", StringComparison.Ordinal));
        }

        phase.Done($"{returnsCompleted}/{returnsRequested} confirmed on the shop, restocked in the WMS{Took()}");

        // 5. Reconciliation: compare each channel with the WMS (inventory, orders, shipments) and repair drift.
        phase = _reporter.Start("Reconciliation", channels.Length);
        var differences = 0;
        foreach (var channel in channels)
        {
            Trace("reconcile " + channel);
            var report = await reconciler.ReconcileAsync(new ReconciliationRequest(channel) { Shipments = [.. shipments.Where(s => s.Channel == channel)] }, cancellationToken);
            differences += report.Differences.Count;
            if (Environment.GetEnvironmentVariable("CONNECTORS_SAMPLE_TRACE") is not null)
            {
                Console.Error.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} {report.ToText()}");
            }
            phase.Advance();
        }

        await DrainInboxAsync(orders, null, cancellationToken);
        await DrainInventoryAsync(inventory, channels, null, cancellationToken);
        phase.Done($"{differences} differences found and repaired{Took()}");

        // The end state, read back from the shops.
        var mismatches = CheckLevels(catalog, warehouse, shopify, woo, magento, shop, out var checkedLevels);
        var (pricesChecked, priceMismatches) = await CheckPricesAsync(services, woo, shopify, magento, shop, cancellationToken);
        var (confirmed, duplicated) = CountShipments(shipments, shopify, woo, magento);
        var deadLetters = await services.GetRequiredService<IDeadLetters>().ListAsync(cancellationToken: cancellationToken).ToListAsync(cancellationToken);
        var latencies = metrics.LatenciesMs;
        await app.StopAsync(cancellationToken);
        return new DemoSummary
        {
            ItemsPushed = metrics.PushedItems,
            ApiCalls = shopify.Calls + woo.RequestCount + magento.Requests.Count,
            ThrottledAbsorbed = shopify.ThrottledResponses + woo.ThrottledCount,
            OrdersPlaced = placed.Count,
            OrdersByWebhook = byWebhook,
            OrdersIngested = warehouse.Orders.Count,
            OrdersDuplicated = warehouse.Acceptances.Values.Count(c => c > 1),
            ShipmentsPublished = shipments.Count,
            SplitShipments = shipments.Count - shipments.Select(s => (s.Channel, s.ChannelOrderId)).Distinct().Count(),
            ShipmentsConfirmed = confirmed,
            ShipmentsDuplicated = duplicated,
            ReturnsRequested = returnsRequested,
            ReturnsCompleted = returnsCompleted,
            ReconciliationDifferences = differences,
            PricesPushed = pricesPushed,
            PricesHeld = held.Count,
            PricesChecked = pricesChecked,
            PriceMismatches = priceMismatches,
            DeadLetters = deadLetters,
            LevelsChecked = checkedLevels,
            LevelMismatches = mismatches,
            LatencyP50Ms = DemoMetrics.Quantile(latencies, 0.50),
            LatencyP99Ms = DemoMetrics.Quantile(latencies, 0.99),
            Elapsed = clock.Elapsed,
        };
    }

    /// <summary>Pushes until a pass finds nothing to push (waiting out retries the engine scheduled).</summary>
    internal static async Task DrainInventoryAsync(IInventorySync inventory, IReadOnlyList<string> channels, IDemoPhase? phase, CancellationToken cancellationToken)
    {
        var idlePasses = 0;
        var retriesPending = false;
        for (var pass = 0; pass < 500 && idlePasses < (retriesPending ? 20 : 1); pass++)
        {
            var busy = false;
            foreach (var channel in channels)
            {
                var result = await inventory.DispatchAsync(channel, cancellationToken);
                if (Environment.GetEnvironmentVariable("CONNECTORS_SAMPLE_TRACE") is not null)
                {
                    Console.Error.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} {result}");
                }

                phase?.Advance(result.Applied + result.Rejected + result.DeadLettered);
                busy |= result.Batches > 0;
                retriesPending |= result.Rescheduled > 0;
            }

            idlePasses = busy ? 0 : idlePasses + 1;
            if (!busy && retriesPending)
            {
                await Task.Delay(250, cancellationToken);
            }
        }
    }

    /// <summary>Pushes prices until a pass finds nothing to push; returns how many the channels applied.</summary>
    private static async Task<int> DrainPricesAsync(IPriceSync prices, IReadOnlyList<string> channels, CancellationToken cancellationToken)
    {
        var applied = 0;
        for (var pass = 0; pass < 100; pass++)
        {
            var busy = false;
            foreach (var channel in channels)
            {
                var result = await prices.DispatchAsync(channel, cancellationToken);
                Trace("prices " + result);
                applied += result.Applied;
                busy |= result.Batches > 0;
            }

            if (!busy)
            {
                break;
            }
        }

        return applied;
    }

    /// <summary>Compares every price the engine recorded as applied on WooCommerce, Shopify and Magento with what the shops store.</summary>
    private static async Task<(int Checked, List<string> Mismatches)> CheckPricesAsync(
        IServiceProvider services, WooCommerceEmulator woo, ShopifyEmulator shopify, MagentoEmulator magento, SeededShops shop, CancellationToken cancellationToken)
    {
        var mismatches = new List<string>();
        var count = 0;
        if (services.GetRequiredService<ISyncStateStore>() is not IPriceStore store)
        {
            return (0, mismatches);
        }

        await foreach (var row in store.ListPricesAsync(DemoOptions.WooChannel, cancellationToken: cancellationToken))
        {
            if (row.Acknowledged is not { } shown)
            {
                continue;
            }

            count++;
            var stored = woo.GetPrice(long.Parse(row.Key.ChannelItemId, CultureInfo.InvariantCulture));
            var expected = (shown.Amount.Amount.ToString("F2", CultureInfo.InvariantCulture), shown.Sale?.Amount.ToString("F2", CultureInfo.InvariantCulture) ?? string.Empty);
            if ((stored.RegularPrice, stored.SalePrice) != expected)
            {
                mismatches.Add($"{row.Key}: the shop stores {stored.RegularPrice}/{stored.SalePrice}, the engine acknowledged {expected.Item1}/{expected.Item2}");
            }
        }

        // Shopify: price and compare-at price of the variant behind each inventory item.
        var variants = shop.Items.ToDictionary(i => i.ShopifyInventoryItemId, i => i.ShopifyVariantId, StringComparer.Ordinal);
        await foreach (var row in store.ListPricesAsync(DemoOptions.ShopifyChannel, cancellationToken: cancellationToken))
        {
            if (row.Acknowledged is not { } shown)
            {
                continue;
            }

            count++;
            var stored = shopify.GetPrice(variants[row.Key.ChannelItemId]);
            if (stored is null || stored.Price != shown.Amount.Amount || stored.CompareAtPrice != shown.CompareAt?.Amount)
            {
                mismatches.Add($"{row.Key}: the shop stores {stored?.Price}/{stored?.CompareAtPrice}, the engine acknowledged {shown.Amount.Amount}/{shown.CompareAt?.Amount}");
            }
        }

        // Magento (ScheduleSales off): the engine resolved the sale, so the amount is what buyers pay now and a higher
        // compare-at price is the base price, the amount a special price.
        await foreach (var row in store.ListPricesAsync(DemoOptions.MagentoChannel, cancellationToken: cancellationToken))
        {
            if (row.Acknowledged is not { } shown)
            {
                continue;
            }

            count++;
            var amount = shown.Amount.Amount;
            var basePrice = shown.CompareAt is { } was && was.Amount > amount ? was.Amount : amount;
            var (storedBase, storedFinal) = (magento.GetBasePrice(row.Key.ChannelItemId), magento.GetFinalPrice(row.Key.ChannelItemId));
            if (storedBase != basePrice || storedFinal != amount)
            {
                mismatches.Add($"{row.Key}: the store has price {storedBase}, final {storedFinal}; the engine acknowledged {basePrice}, final {amount}");
            }
        }

        return (count, mismatches);
    }

    /// <summary>Feeds the WMS's stock changes to the engine and pushes the result (what a WMS event handler does).</summary>
    internal static async Task RecordWarehouseChangesAsync(DemoWarehouse warehouse, IInventorySync inventory, IReadOnlyList<string> channels, CancellationToken cancellationToken)
    {
        var changes = warehouse.TakeChanges();
        if (changes.Count > 0)
        {
            await inventory.RecordStockLevelsAsync(changes, cancellationToken);
        }

        await DrainInventoryAsync(inventory, channels, null, cancellationToken);
    }

    private static async Task DrainInboxAsync(IOrderSync orders, IDemoPhase? phase, CancellationToken cancellationToken)
    {
        for (var pass = 0; pass < 200; pass++)
        {
            var result = await orders.ProcessInboxAsync(cancellationToken);
            Trace("inbox " + result);
            phase?.Advance(result.Completed);
            if (result.Claimed == 0)
            {
                return;
            }

            if (result.Completed == 0)
            {
                await Task.Delay(250, cancellationToken);
            }
        }
    }

    private static async Task DrainOutboxAsync(IFulfillmentSync fulfillment, CancellationToken cancellationToken)
    {
        for (var pass = 0; pass < 200; pass++)
        {
            var result = await fulfillment.ProcessOutboxAsync(cancellationToken);
            Trace("outbox " + result);
            if (result.Claimed == 0)
            {
                return;
            }

            if (result.Completed == 0)
            {
                await Task.Delay(250, cancellationToken);
            }
        }
    }

    private static void Trace(string text)
    {
        if (Environment.GetEnvironmentVariable("CONNECTORS_SAMPLE_TRACE") is not null)
        {
            Console.Error.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} {text}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static (int Confirmed, int Duplicated) CountShipments(List<WarehouseShipment> shipments, ShopifyEmulator shopify, WooCommerceEmulator woo, MagentoEmulator magento)
    {
        var confirmed = 0;
        var duplicated = 0;
        foreach (var order in shipments.GroupBy(s => (s.Channel, s.ChannelOrderId)))
        {
            var expected = order.Count();
            var found = order.Key.Channel == DemoOptions.ShopifyChannel ? shopify.GetFulfillmentCount(order.Key.ChannelOrderId)
                : order.Key.Channel == DemoOptions.MagentoChannel ? magento.GetShipmentCount(long.Parse(order.Key.ChannelOrderId, CultureInfo.InvariantCulture))
                : order.Count(s => woo.GetOrderNotes(long.Parse(order.Key.ChannelOrderId, CultureInfo.InvariantCulture)).Any(n => n.Contains(s.ShipmentId, StringComparison.Ordinal)));
            confirmed += Math.Min(found, expected);
            duplicated += Math.Max(0, found - expected);
        }

        return (confirmed, duplicated);
    }

    private static List<string> CheckLevels(DemoCatalog catalog, DemoWarehouse warehouse, ShopifyEmulator shopify, WooCommerceEmulator woo, MagentoEmulator magento, SeededShops shop, out int checkedLevels)
    {
        var mismatches = new List<string>();
        var count = 0;
        foreach (var item in shop.Items)
        {
            foreach (var (wmsLocation, shopLocation) in shop.ShopifyLocations)
            {
                var expected = Available(item, sku => warehouse.Free(sku, wmsLocation));
                var actual = shopify.GetAvailable(item.ShopifyInventoryItemId, shopLocation);
                count++;
                if (actual != expected)
                {
                    mismatches.Add($"{DemoOptions.ShopifyChannel} {item.ChannelSku} @ {wmsLocation}: shop {actual}, WMS {expected}");
                }
            }

            var total = Available(item, sku => warehouse.Free(sku, DemoCatalog.MainLocation) + warehouse.Free(sku, DemoCatalog.OverflowLocation));
            var stock = woo.GetStock(shop.WooProducts[item.ChannelSku]);
            count++;
            if (stock != total)
            {
                mismatches.Add($"{DemoOptions.WooChannel} {item.ChannelSku}: shop {stock}, WMS {total}");
            }

            // Magento sells the salable quantity: its sources (one per WMS location, each holding whole selling units of
            // that location, as Shopify's locations do) less its open reservations.
            var perSource = Available(item, sku => warehouse.Free(sku, DemoCatalog.MainLocation)) + Available(item, sku => warehouse.Free(sku, DemoCatalog.OverflowLocation));
            var salable = magento.GetSalableQuantity(item.ChannelSku);
            count++;
            if (salable != perSource)
            {
                mismatches.Add($"{DemoOptions.MagentoChannel} {item.ChannelSku}: salable {salable}, WMS {perSource}");
            }
        }

        checkedLevels = count;
        _ = catalog;
        return mismatches;

        static int Available(SellingUnit item, Func<string, decimal> free) =>
            (int)item.Components.Min(c => Math.Floor(free(c.Sku) / c.PerUnit));
    }

    private List<(string ChannelSku, int Quantity, decimal Price)> PickLines(DemoCatalog catalog, DemoWarehouse warehouse)
    {
        var lines = new List<(string, int, decimal)>();
        var count = 1 + _random.Next(3);
        for (var i = 0; i < count * 20 && lines.Count < count; i++)
        {
            var sku = catalog.Skus[_random.Next(catalog.Skus.Count)];
            if (warehouse.Free(sku, DemoCatalog.MainLocation) >= 10 && !lines.Exists(l => l.Item1 == sku))
            {
                lines.Add((sku, 1 + _random.Next(2), 9.95m + _random.Next(20)));
            }
        }

        if (_random.Next(4) == 0 && catalog.CasePackSkus.FirstOrDefault(s => warehouse.Free(s, DemoCatalog.MainLocation) >= 20 && !lines.Exists(l => l.Item1 == s)) is { } caseSku)
        {
            lines.Add((DemoCatalog.CaseSku(caseSku), 1, 49.00m));
        }

        if (_random.Next(4) == 0)
        {
            var b = _random.Next(catalog.Bundles.Count);
            if (catalog.Bundles[b].All(s => warehouse.Free(s, DemoCatalog.MainLocation) >= 10))
            {
                lines.Add((DemoCatalog.BundleSku(b), 1, 29.00m));
            }
        }

        return lines.Count > 0 ? lines : [(catalog.Skus[0], 1, 9.95m)];
    }

    /// <summary>Creates every selling unit on the emulated shops and the mapping profiles that tie them to WMS SKUs.</summary>
    private static SeededShops Seed(DemoCatalog catalog, ShopifyEmulator shopify, WooCommerceEmulator woo, MagentoEmulator magento)
    {
        var locations = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [DemoCatalog.MainLocation] = shopify.AddLocation("Main warehouse"),
            [DemoCatalog.OverflowLocation] = shopify.AddLocation("Overflow warehouse"),
        };
        var units = new List<SellingUnit>();
        units.AddRange(catalog.Skus.Select(s => new SellingUnit(s, [new UnitComponent(s, 1)])));
        units.AddRange(catalog.CasePackSkus.Select(s => new SellingUnit(DemoCatalog.CaseSku(s), [new UnitComponent(s, DemoCatalog.CaseSize)])));
        units.AddRange(catalog.Bundles.Select((b, i) => new SellingUnit(DemoCatalog.BundleSku(i), [.. b.Select(s => new UnitComponent(s, 1))])));

        var sale = new SaleRule { DiscountPercent = 10, StartsAt = DateTimeOffset.UtcNow.AddDays(-1), EndsAt = DateTimeOffset.UtcNow.AddDays(7) };
        var shopifyProfile = new ChannelMappingProfile
        {
            Pricing = new PricingRules
            {
                Currency = DemoCatalog.Currency, // the shop's shop { currencyCode }, read by the channel
                MarkupPercent = 25,
                Rounding = new PriceRounding { Ending = 0.95m },
                MinimumMarginPercent = 25,
                Sale = sale, // Shopify schedules no sale: while it runs the engine sends price = sale, compareAtPrice = regular
            },
        };
        var wooProfile = new ChannelMappingProfile { Pricing = DemoPricing(sale) };
        var magentoProfile = new ChannelMappingProfile { Pricing = DemoPricing(sale) };

        static PricingRules DemoPricing(SaleRule sale) =>
            new()
            {
                Currency = DemoCatalog.Currency, // the shops' currency (WooCommerce settings/general, Magento's base currency)
                MarkupPercent = 20,
                Rounding = new PriceRounding { Ending = 0.99m },
                MinimumMarginPercent = 25,
                CasePackDiscountPercent = 10,
                BundleDiscountPercent = 5,
                Sale = sale,
            };

        var wooProducts = new Dictionary<string, long>(StringComparer.Ordinal);
        var items = new List<SellingUnit>();
        foreach (var unit in units)
        {
            var variant = shopify.AddVariant(unit.ChannelSku);
            var product = woo.AddSimpleProduct(unit.ChannelSku, 0, 10m);
            wooProducts[unit.ChannelSku] = product;
            magento.AddProduct(unit.ChannelSku, price: 10m); // Magento's item id is the SKU
            AddToProfile(magentoProfile, unit.ChannelSku, unit);
            items.Add(unit with { ShopifyInventoryItemId = variant.InventoryItemId, ShopifyVariantId = variant.VariantId });
            AddToProfile(shopifyProfile, variant.InventoryItemId, unit);
            AddToProfile(wooProfile, product.ToString(CultureInfo.InvariantCulture), unit);
        }

        return new SeededShops(
            items,
            wooProducts,
            locations,
            new Dictionary<string, ChannelMappingProfile>(StringComparer.Ordinal) { [DemoOptions.ShopifyChannel] = shopifyProfile, [DemoOptions.WooChannel] = wooProfile, [DemoOptions.MagentoChannel] = magentoProfile },
            items.Count * 5); // Shopify and Magento: a row per WMS location

        static void AddToProfile(ChannelMappingProfile profile, string channelItemId, SellingUnit unit)
        {
            if (unit.ChannelSku.StartsWith("BUNDLE-", StringComparison.Ordinal))
            {
                var bundle = new BundleMapping { ChannelItemId = channelItemId, ChannelSku = unit.ChannelSku };
                foreach (var c in unit.Components)
                {
                    bundle.Components.Add(new ComponentMapping { Sku = c.Sku, QuantityPerUnit = c.PerUnit });
                }

                profile.Bundles.Add(bundle);
            }
            else
            {
                var c = unit.Components[0];
                profile.Items.Add(new ItemMapping { ChannelItemId = channelItemId, Sku = c.Sku, QuantityPerUnit = c.PerUnit, ChannelSku = unit.ChannelSku });
            }
        }
    }

    /// <summary>A channel-side selling unit: a single SKU, a case pack or a bundle.</summary>
    private sealed record SellingUnit(string ChannelSku, IReadOnlyList<UnitComponent> Components)
    {
        public string ShopifyInventoryItemId { get; init; } = string.Empty;

        public string ShopifyVariantId { get; init; } = string.Empty;
    }

    /// <summary>A WMS SKU in a selling unit, with WMS units per selling unit.</summary>
    private sealed record UnitComponent(string Sku, decimal PerUnit);

    /// <summary>What was created on the emulated shops.</summary>
    private sealed record SeededShops(
        IReadOnlyList<SellingUnit> Items,
        IReadOnlyDictionary<string, long> WooProducts,
        IReadOnlyDictionary<string, string> ShopifyLocations,
        IReadOnlyDictionary<string, ChannelMappingProfile> Profiles,
        int ChannelRows);
}
