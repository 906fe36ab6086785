using System.Diagnostics;
using System.Globalization;
using Connectors.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.WooCommerce.Tests;

/// <summary>The throughput harness of the issue: 20,000 stock levels against the emulator with 50 ms per request. Figures are printed, never asserted.</summary>
public sealed partial class WooCommerceChannelTests
{
    [Theory]
    [InlineData(4)]
    [InlineData(8)]
    public async Task PushInventoryAsync_20000LevelsWith50msLatency_UsesOneCallPer100Items(int concurrency)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var shop = await WooCommerceEmulator.StartAsync(cancellationToken: ct);
        var ids = Enumerable.Range(0, 20_000).Select(i => shop.AddSimpleProduct($"SKU-{i}", 0)).ToList();
        shop.Latency = TimeSpan.FromMilliseconds(50);
        await using var sp = Connect(shop, o => o.MaxConcurrency = concurrency);
        var targets = ids.Select((id, i) => new InventoryTarget(id.ToString(CultureInfo.InvariantCulture), "default", i % 97)).ToList();

        // Warm-up (JIT, connections) outside the measurement: one small batch per connection slot.
        await sp.Channel_().PushInventoryAsync(targets.Take(concurrency).ToList(), ct);
        var warmCalls = shop.RequestCount;
        var watch = Stopwatch.StartNew();
        var results = await sp.Channel_().PushInventoryAsync(targets, ct);
        watch.Stop();

        Assert.All(results, r => Assert.Equal(PushOutcome.Applied, r.Outcome));
        Assert.Equal(200, shop.RequestCount - warmCalls);
        Assert.Equal(19_999 % 97, shop.GetStock(ids[^1]));
        var ceiling = TimeSpan.FromMilliseconds(Math.Ceiling(200.0 / concurrency) * 50);
        TestContext.Current.SendDiagnosticMessage(
            $"WooCommerce throughput: 20,000 levels, concurrency {concurrency}, {shop.RequestCount - warmCalls} calls, max in flight {shop.MaxInFlight}, adaptive limit now {sp.GetRequiredService<Connectors.WooCommerce.Internal.ThrottleRegistry>().Get(TestHost.Channel).CurrentLimit}, wall {watch.Elapsed.TotalMilliseconds:F0} ms, " +
            $"latency ceiling {ceiling.TotalMilliseconds:F0} ms => {100 * ceiling.TotalMilliseconds / watch.Elapsed.TotalMilliseconds:F0}% of ceiling");
        TestContext.Current.TestOutputHelper?.WriteLine($"calls={shop.RequestCount - warmCalls} wall_ms={watch.Elapsed.TotalMilliseconds:F0} ceiling_ms={ceiling.TotalMilliseconds:F0} max_in_flight={shop.MaxInFlight}");
    }
}
