using System.Diagnostics;
using Connectors.Testing.Shopify;

namespace Connectors.Shopify.Tests.EndToEnd;

/// <summary>
/// Pushes 50,000 inventory levels through the channel against the emulator. Opt-in (set CONNECTORS_THROUGHPUT=1):
/// it waits for the bucket by design. It asserts correctness only (every level applied, no throttling error surfaced)
/// and reports calls, THROTTLED responses, wall time and the ratio to the bucket's theoretical ceiling.
/// </summary>
public sealed class InventoryThroughputTests
{
    [Fact]
    public async Task PushInventory_50000LevelsStandardRestoreRate_AllAppliedWithoutThrottlingErrors()
    {
        Assert.SkipUnless(Environment.GetEnvironmentVariable("CONNECTORS_THROUGHPUT") == "1", "Opt-in measurement: set CONNECTORS_THROUGHPUT=1.");
        var ct = TestContext.Current.CancellationToken;
        const int Levels = 50_000;
        var bucket = int.TryParse(Environment.GetEnvironmentVariable("CONNECTORS_THROUGHPUT_BUCKET"), out var b) ? b : 2000;
        var options = new ShopifyEmulatorOptions().UsePlan(ShopifyEmulatorPlan.Standard);
        options.BucketSize = bucket;
        await using var emulator = await ShopifyEmulator.StartAsync(options, ct);
        await using var services = ShopifyTestHost.Build(emulator.BaseAddress);
        var location = emulator.AddLocation("Main");
        var items = Enumerable.Range(0, Levels).Select(i => emulator.AddVariant("SKU-" + i)).ToList();
        var channel = services.Channel();
        var targets = items.Select((v, i) => new InventoryTarget(v.InventoryItemId, location, i % 97)).ToList();

        var watch = Stopwatch.StartNew();
        var results = await channel.PushInventoryAsync(targets, ct);
        watch.Stop();

        Assert.Equal(Levels, results.Count(r => r.Outcome == PushOutcome.Applied));
        Assert.Equal(42 % 97, emulator.GetAvailable(items[42].InventoryItemId, location));
        var points = emulator.PointsCharged;
        var ceiling = Math.Max(0, (points - options.BucketSize) / (double)options.RestoreRate);
        var ratio = ceiling <= 0 ? double.NaN : ceiling / watch.Elapsed.TotalSeconds;
        TestContext.Current.SendDiagnosticMessage(
            $"levels={Levels} calls={emulator.Calls} throttled={emulator.ThrottledResponses} points={points} bucket={options.BucketSize}/{options.RestoreRate}/s wall={watch.Elapsed.TotalSeconds:F2}s ceiling={ceiling:F2}s ratio={ratio:P1}\n");
        File.AppendAllText(Path.Combine(Path.GetTempPath(), "shopify-throughput.txt"), $"THROUGHPUT levels={Levels} calls={emulator.Calls} throttled={emulator.ThrottledResponses} points={points} bucket={options.BucketSize}/{options.RestoreRate}/s wall={watch.Elapsed.TotalSeconds:F2}s ceiling={ceiling:F2}s ratio={ratio:P1}\n");
    }
}
