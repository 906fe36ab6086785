using BenchmarkDotNet.Attributes;
using Connectors.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Benchmarks.Inventory;

/// <summary>
/// 1,000,000 WMS stock events over 10,000 SKUs x 2 locations, published in batches of <see cref="BatchSize"/> through
/// the inventory engine (identity mapping, in-memory store) into a fake channel taking 250 targets per push, then
/// dispatched. The baseline only enumerates the same events. Each measured run prints the pushes it made and the
/// distinct rows the events touched ("no more pushes than distinct changed rows" is the goal).
/// </summary>
[MemoryDiagnoser]
public class InventoryEngineBenchmarks
{
    private const int EventCount = 1_000_000;
    private const int SkuCount = 10_000;
    private static readonly string[] Locations = ["wh1", "wh2"];

    private StockLevel[] _events = [];
    private int _distinctRows;
    private int _reported;

    /// <summary>How many events one publish call carries.</summary>
    [Params(1_000)]
    public int BatchSize { get; set; }

    /// <summary>Dispatch after every this many events (0: once at the end).</summary>
    [Params(0, 100_000)]
    public int DispatchEvery { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        var skus = Enumerable.Range(0, SkuCount).Select(i => $"SKU-{i:D5}").ToArray();
        _events = new StockLevel[EventCount];
        var rows = new HashSet<(int, int)>();
        for (var i = 0; i < EventCount; i++)
        {
            var sku = random.Next(SkuCount);
            var location = random.Next(Locations.Length);
            _events[i] = new StockLevel(skus[sku], Locations[location], random.Next(0, 200), random.Next(0, 5));
            rows.Add((sku, location));
        }

        _distinctRows = rows.Count;
    }

    [Benchmark(Baseline = true, Description = "enumerate events")]
    public decimal EnumerateEvents()
    {
        var total = 0m;
        for (var start = 0; start < _events.Length; start += BatchSize)
        {
            IReadOnlyList<StockLevel> batch = new ArraySegment<StockLevel>(_events, start, Math.Min(BatchSize, _events.Length - start));
            for (var i = 0; i < batch.Count; i++)
            {
                total += batch[i].Free;
            }
        }

        return total;
    }

    [Benchmark(Description = "record + dispatch")]
    public async Task<int> RecordAndDispatch()
    {
        // A fresh engine, store and channel per run (composition is a few hundred microseconds of the seconds measured).
        var channel = new FakeChannel("bench"); // 250 per push, several locations
        var services = new ServiceCollection();
        services.AddConnectors().AddChannel("bench", "fake", _ => channel);
        await using var provider = services.BuildServiceProvider();
        var sync = provider.GetRequiredService<IInventorySync>();
        var sinceDispatch = 0;
        for (var start = 0; start < _events.Length; start += BatchSize)
        {
            var count = Math.Min(BatchSize, _events.Length - start);
            await sync.RecordStockLevelsAsync(new ArraySegment<StockLevel>(_events, start, count));
            sinceDispatch += count;
            if (DispatchEvery > 0 && sinceDispatch >= DispatchEvery)
            {
                await sync.DispatchAsync("bench");
                sinceDispatch = 0;
            }
        }

        await sync.DispatchAsync("bench");
        var pushes = channel.Pushes;
        var targets = pushes.Sum(p => p.Count);
        if (Interlocked.Exchange(ref _reported, 1) == 0)
        {
            Console.WriteLine(
                $"// inventory: events={EventCount} distinctRows={_distinctRows} pushedTargets={targets} pushCalls={pushes.Count} dispatchEvery={DispatchEvery}");
        }

        return targets;
    }
}
