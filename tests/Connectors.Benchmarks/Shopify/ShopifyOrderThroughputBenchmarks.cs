using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Connectors.Testing.Shopify;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Benchmarks.Shopify;

/// <summary>
/// Orders per minute read from <see cref="ShopifyEmulator"/> through the Shopify channel's order listing
/// (<c>IOrderListingChannel.ListOrderEntriesAsync</c>, what the engine's order poll calls), at a plan's GraphQL limits,
/// with 100 ms latency per request. The orders are shaped like real ones (1-30 lines, a third of them split over two
/// locations, so 1-2 fulfilment orders each). Every iteration starts a fresh emulator and host (a full bucket on both
/// sides), so iterations do not inherit each other's bucket.
/// <para>The ceilings come from the server's figures in the same run, never from the client's estimator: every answer's
/// <c>extensions.cost</c> is read off the wire (a handler on the channel's HttpClient, and the baseline's own parsing), so
/// the points charged per order are what the emulator charged (actual cost, its own calculation). The baseline is a bare
/// <see cref="HttpClient"/> paging the same orders with the connector's own document (taken from the emulator's request
/// log) in the best page shape the 1,000-point cap allows for these orders: the lines-per-order and orders-per-page that
/// need the fewest requests, fulfilment orders first: 2, sized from requested costs the emulator reported for probe
/// queries.</para>
/// </summary>
[Config(typeof(OneRunEach))]
public class ShopifyOrderThroughputBenchmarks
{
    /// <summary>
    /// One measured run per case, in process (the emulator and the client share the process): a run lasts one to two
    /// minutes at the plan's restore rate, beyond the in-process toolchain's default timeout.
    /// </summary>
    private sealed class OneRunEach : ManualConfig
    {
        public OneRunEach() => AddJob(Job.Default
            .WithStrategy(RunStrategy.Monitoring)
            .WithLaunchCount(1)
            .WithWarmupCount(0)
            .WithIterationCount(1)
            .WithToolchain(new InProcessEmitToolchain(TimeSpan.FromMinutes(30), logOutput: true)));
    }

    private const string Channel = "bench";
    private const string Search = "updated_at:>='2000-01-01T00:00:00Z'";
    private static readonly TimeSpan Latency = TimeSpan.FromMilliseconds(100);

    // Line counts drawn for each order: mostly small, a tail of large ones (weights in tenths of a percent).
    private static readonly (int Lines, int Weight)[] Sizes = [(1, 100), (2, 150), (3, 150), (4, 150), (5, 100), (6, 80), (8, 100), (10, 70), (15, 60), (30, 40)];

    private int[][] _orders = [];
    private string _ordersDocument = string.Empty;
    private string _linesDocument = string.Empty;
    private IdealShape _ideal = null!;
    private ShopifyEmulator _emulator = null!;
    private ServiceProvider _services = null!;
    private CostRecorder _recorder = null!;

    /// <summary>The shop's plan (its bucket size and restore rate).</summary>
    [Params(ShopifyEmulatorPlan.Standard, ShopifyEmulatorPlan.Plus)]
    public ShopifyEmulatorPlan Plan { get; set; }

    /// <summary>Orders per run: enough that the bucket, not its first fill, decides the run at Standard; Plus needs more.</summary>
    private int OrderCount => Plan == ShopifyEmulatorPlan.Plus ? 2_000 : 300;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        var random = new Random(20261203);
        var total = Sizes.Sum(s => s.Weight);
        _orders = Enumerable.Range(0, OrderCount).Select(_ =>
        {
            var pick = random.Next(total);
            var lines = Sizes.First(s => (pick -= s.Weight) < 0).Lines;
            var split = random.Next(3) == 0 && lines > 1;
            // Each line: a SKU index, its quantity, and its location (0 or 1).
            return Enumerable.Range(0, lines).SelectMany(l => new[] { random.Next(500), 1 + random.Next(3), split && l % 2 == 1 ? 1 : 0 }).ToArray();
        }).ToArray();

        // The connector's documents, as it sends them (the baseline replays them with other variables), and the
        // emulator's requested cost of the Orders document at three shapes (it is linear in orders and lines).
        await using var probe = await StartShopAsync(this, 3, new ShopifyEmulatorOptions { BucketSize = 100_000, RestoreRate = 100_000 });
        await using (var services = BuildHost(probe, null))
        {
            await foreach (var _ in Listing(services).ListOrderEntriesAsync(DateTimeOffset.UnixEpoch))
            {
            }
        }

        _ordersDocument = probe.Requests.First(r => r.OperationName == "Orders").Query;
        _linesDocument = probe.Requests.First(r => r.OperationName == "OrderLineItems").Query;
        using var http = Bare(probe);
        var r11 = (await PostAsync(http, _ordersDocument, OrdersVariables(1, null, 1))).Requested;
        var r21 = (await PostAsync(http, _ordersDocument, OrdersVariables(2, null, 1))).Requested;
        var r12 = (await PostAsync(http, _ordersDocument, OrdersVariables(1, null, 2))).Requested;
        var l1 = (await PostAsync(http, _linesDocument, LinesVariables("gid://shopify/Order/1", 1, null))).Requested;
        var l2 = (await PostAsync(http, _linesDocument, LinesVariables("gid://shopify/Order/1", 2, null))).Requested;
        _ideal = IdealShape.For(_orders.Select(o => o.Length / 3).ToArray(), r11, r21 - r11, r12 - r11, l1, l2 - l1);
        Console.WriteLine(
            $"// shopify orders: plan={Plan} orders={OrderCount} lines={_orders.Sum(o => o.Length / 3)} latency={Latency.TotalMilliseconds} ms; "
            + $"server's requested cost of Orders = {_ideal.PageBase} + orders x ({_ideal.OrderBase} + lines x {_ideal.PerLine}); "
            + $"ideal shape: {_ideal.OrdersPerPage} orders x {_ideal.LinesPerOrder} lines per page (requested {_ideal.PageBase + (_ideal.OrdersPerPage * (_ideal.OrderBase + (_ideal.LinesPerOrder * _ideal.PerLine)))}), "
            + $"{_ideal.LinesPerFollowUp} lines per follow-up, {_ideal.Requests} requests");
    }

    [IterationSetup]
    public void StartShop()
    {
        _emulator = StartShopAsync(this, OrderCount, new ShopifyEmulatorOptions().UsePlan(Plan)).GetAwaiter().GetResult();
        _emulator.Options.Latency = Latency;
        _recorder = new CostRecorder();
        _services = BuildHost(_emulator, _recorder);
    }

    [IterationCleanup]
    public void StopShop()
    {
        _services.Dispose();
        _emulator.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true, Description = "bare HttpClient, ideal page shape")]
    public async Task<int> IdealShapeBareClient()
    {
        using var http = Bare(_emulator);
        var watch = Stopwatch.StartNew();
        var orders = 0;
        long requests = 0, throttled = 0, actual = 0;
        string? after = null;
        do
        {
            var page = await SendUntilServedAsync(http, _ordersDocument, OrdersVariables(_ideal.OrdersPerPage, after, _ideal.LinesPerOrder));
            requests += page.Attempts;
            throttled += page.Attempts - 1;
            actual += page.Actual;
            var connection = page.Data!["orders"]!;
            foreach (var order in connection["nodes"]!.AsArray())
            {
                orders++;
                var lines = order!["lineItems"]!;
                while (lines["pageInfo"]!["hasNextPage"]!.GetValue<bool>())
                {
                    var more = await SendUntilServedAsync(http, _linesDocument, LinesVariables(order["id"]!.GetValue<string>(), _ideal.LinesPerFollowUp, lines["pageInfo"]!["endCursor"]!.GetValue<string>()));
                    requests += more.Attempts;
                    throttled += more.Attempts - 1;
                    actual += more.Actual;
                    lines = more.Data!["order"]!["lineItems"]!;
                }
            }

            after = connection["pageInfo"]!["hasNextPage"]!.GetValue<bool>() ? connection["pageInfo"]!["endCursor"]!.GetValue<string>() : null;
        }
        while (after is not null);
        watch.Stop();
        Report("ideal", orders, watch.Elapsed, requests, throttled, 0, actual);
        return orders == OrderCount ? orders : throw new InvalidOperationException($"The baseline read {orders} of {OrderCount} orders.");
    }

    [Benchmark(Description = "ShopifyChannel.ListOrderEntriesAsync")]
    public async Task<int> Connector()
    {
        var watch = Stopwatch.StartNew();
        var orders = 0;
        var lines = 0;
        await foreach (var entry in Listing(_services).ListOrderEntriesAsync(DateTimeOffset.UnixEpoch))
        {
            var order = entry.Order ?? throw new InvalidOperationException($"Order {entry.Unreadable?.OrderId} unreadable: {entry.Unreadable?.Reason}");
            orders++;
            lines += order.Lines.Count;
        }

        watch.Stop();
        var expectedLines = _orders.Sum(o => o.Length / 3);
        Report("connector", orders, watch.Elapsed, _recorder.Requests, _recorder.Throttled, _emulator.ThrottledResponses, _recorder.Actual);
        return orders == OrderCount && lines == expectedLines
            ? orders
            : throw new InvalidOperationException($"The connector read {orders} of {OrderCount} orders, {lines} of {expectedLines} lines.");
    }

    /// <summary>One line per measured run: what the server charged, and the ceilings that follow from it.</summary>
    private void Report(string who, int orders, TimeSpan wall, long requests, long throttled, long throttledAtServer, long actual)
    {
        var options = _emulator.Options;
        var perOrder = actual / (double)orders;
        // Fastest wall time the plan allows for these points: the first bucket is free, the rest comes at the restore rate.
        var bucketFloor = Math.Max(0, (actual - options.BucketSize) / (double)options.RestoreRate);
        var latencyFloor = requests * Latency.TotalSeconds;
        var idealLatencyFloor = _ideal.Requests * Latency.TotalSeconds;
        var measured = orders / wall.TotalMinutes;
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"// shopify orders {who}: plan={Plan} ({options.BucketSize}/{options.RestoreRate} per s) orders={orders} wall={wall.TotalSeconds:F2}s orders/min={measured:F0} "
            + $"requests={requests} throttled={throttled} (server counted {throttledAtServer}) actual points={actual} per order={perOrder:F2} "
            + $"steady-state ceiling={options.RestoreRate * 60 / perOrder:F0}/min bucket floor={bucketFloor:F2}s share of it={bucketFloor / wall.TotalSeconds:P1} "
            + $"requests x latency={latencyFloor:F2}s (the latency floor of one request at a time) ideal shape's requests x latency={idealLatencyFloor:F2}s"));
    }

    private static async Task<ShopifyEmulator> StartShopAsync(ShopifyOrderThroughputBenchmarks bench, int count, ShopifyEmulatorOptions options)
    {
        var emulator = await ShopifyEmulator.StartAsync(options);
        string[] locations = [emulator.AddLocation("Main"), emulator.AddLocation("Second")];
        for (var i = 0; i < 500; i++)
        {
            emulator.AddVariant("SKU-" + i.ToString("D3", CultureInfo.InvariantCulture), 1_000, locations[0]);
        }

        // The probe needs one order longer than the connector's inline lines, so that it sends OrderLineItems too.
        var orders = count < bench._orders.Length ? bench._orders.OrderByDescending(o => o.Length).Take(count) : bench._orders;
        foreach (var order in orders)
        {
            var lines = order.Chunk(3).Select(l => new ShopifyEmulatorLine
            {
                Sku = "SKU-" + l[0].ToString("D3", CultureInfo.InvariantCulture),
                Quantity = l[1],
                UnitPrice = 4.95m + l[0],
                LocationId = l[2] == 1 ? locations[1] : null,
            }).ToList();
            await emulator.CreateOrderAsync(lines);
        }

        return emulator;
    }

    private static ServiceProvider BuildHost(ShopifyEmulator emulator, CostRecorder? recorder)
    {
        var services = new ServiceCollection();
        services.AddConnectors().AddShopify(Channel, o =>
        {
            o.BaseAddress = emulator.BaseAddress;
            o.AccessToken = emulator.Options.AccessToken;
        });
        if (recorder is not null)
        {
            services.AddHttpClient("Connectors.Shopify." + Channel).AddHttpMessageHandler(() => new RecordingHandler(recorder));
        }

        return services.BuildServiceProvider();
    }

    private static IOrderListingChannel Listing(IServiceProvider services) =>
        (IOrderListingChannel)services.GetRequiredService<IChannelRegistry>().GetChannel(Channel);

    private static HttpClient Bare(ShopifyEmulator emulator)
    {
        var http = new HttpClient { BaseAddress = new Uri(emulator.BaseAddress, "admin/api/2026-01/") };
        http.DefaultRequestHeaders.Add("X-Shopify-Access-Token", emulator.Options.AccessToken);
        return http;
    }

    private static JsonObject OrdersVariables(int first, string? after, int linesFirst) => new()
    {
        ["first"] = first,
        ["after"] = after,
        ["query"] = Search,
        ["linesFirst"] = linesFirst,
        ["fulfillmentOrdersFirst"] = 2,
        ["ackNamespace"] = "connectors",
        ["ackKey"] = "wms_reference",
    };

    private static JsonObject LinesVariables(string id, int first, string? after) => new() { ["id"] = id, ["first"] = first, ["after"] = after };

    private sealed record Answer(JsonObject? Data, int Requested, int Actual, bool Throttled, double Available, double RestoreRate, int Attempts);

    private static async Task<Answer> PostAsync(HttpClient http, string document, JsonObject variables)
    {
        var body = new JsonObject { ["query"] = document, ["variables"] = variables.DeepClone() }.ToJsonString();
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(new Uri("graphql.json", UriKind.Relative), content);
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        var cost = json["extensions"]?["cost"];
        var throttled = json["errors"]?.AsArray().Any(e => e?["extensions"]?["code"]?.GetValue<string>() == "THROTTLED") == true;
        if (json["errors"] is { } errors && !throttled)
        {
            throw new InvalidOperationException("The baseline's query failed: " + errors.ToJsonString());
        }

        return new Answer(
            json["data"] as JsonObject,
            cost?["requestedQueryCost"]?.GetValue<int>() ?? 0,
            cost?["actualQueryCost"]?.GetValue<int?>() ?? 0,
            throttled,
            cost?["throttleStatus"]?["currentlyAvailable"]?.GetValue<double>() ?? 0,
            cost?["throttleStatus"]?["restoreRate"]?.GetValue<double>() ?? 1,
            1);
    }

    /// <summary>The baseline does not estimate: it sends, and on THROTTLED waits what the server says is missing.</summary>
    private static async Task<Answer> SendUntilServedAsync(HttpClient http, string document, JsonObject variables)
    {
        for (var attempt = 1; ; attempt++)
        {
            var answer = await PostAsync(http, document, variables);
            if (!answer.Throttled)
            {
                return answer with { Attempts = attempt };
            }

            await Task.Delay(TimeSpan.FromSeconds(Math.Max(0.01, (answer.Requested - answer.Available) / answer.RestoreRate)));
        }
    }

    /// <summary>The page shape needing the fewest requests under the 1,000-point cap, from the server's requested costs.</summary>
    private sealed record IdealShape(int PageBase, int OrderBase, int PerLine, int LinesPerOrder, int OrdersPerPage, int LinesPerFollowUp, int Requests)
    {
        public static IdealShape For(int[] lines, int onePage, int perOrder, int perLine, int followUp, int followUpPerLine)
        {
            const int Cap = 1000;
            var orderBase = perOrder - perLine;
            var pageBase = onePage - perOrder;
            var followUpFirst = Math.Min(250, (Cap - (followUp - followUpPerLine)) / followUpPerLine);
            IdealShape? best = null;
            for (var inline = 1; inline <= lines.Max(); inline++)
            {
                var perPage = Math.Min(250, (Cap - pageBase) / (orderBase + (inline * perLine)));
                if (perPage < 1)
                {
                    break;
                }

                var requests = ((lines.Length + perPage - 1) / perPage) + lines.Sum(n => n > inline ? (n - inline + followUpFirst - 1) / followUpFirst : 0);
                if (best is null || requests < best.Requests)
                {
                    best = new IdealShape(pageBase, orderBase, perLine, inline, perPage, followUpFirst, requests);
                }
            }

            return best!;
        }
    }

    /// <summary>What the server said in every answer the connector received.</summary>
    private sealed class CostRecorder
    {
        private long _requests;
        private long _throttled;
        private long _actual;

        public long Requests => Interlocked.Read(ref _requests);

        public long Throttled => Interlocked.Read(ref _throttled);

        public long Actual => Interlocked.Read(ref _actual);

        public void Record(string body)
        {
            Interlocked.Increment(ref _requests);
            var json = JsonNode.Parse(body);
            if (json?["errors"]?.AsArray().Any(e => e?["extensions"]?["code"]?.GetValue<string>() == "THROTTLED") == true)
            {
                Interlocked.Increment(ref _throttled);
            }

            Interlocked.Add(ref _actual, json?["extensions"]?["cost"]?["actualQueryCost"]?.GetValue<int?>() ?? 0);
        }
    }

    private sealed class RecordingHandler(CostRecorder recorder) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            await response.Content.LoadIntoBufferAsync(cancellationToken);
            recorder.Record(await response.Content.ReadAsStringAsync(cancellationToken));
            return response;
        }
    }
}
