using Connectors.Reliability.Tests.Infrastructure;

namespace Connectors.Reliability.Tests;

/// <summary>Scenario 4: faults at a steady rate while every flow runs; nothing lost, nothing twice, levels equal the WMS.</summary>
public sealed class ChaosRunTests
{
    /// <summary>
    /// The chaos run is on by default (CI runs it, 10-40 s); <c>CONNECTORS_CHAOS=0</c> (or <c>false</c>/<c>off</c>) turns it
    /// off, e.g. for a quick local run.
    /// </summary>
    public static bool ChaosEnabled => Environment.GetEnvironmentVariable("CONNECTORS_CHAOS")?.Trim().ToUpperInvariant() is not ("0" or "FALSE" or "OFF" or "NO");

    [Fact(Skip = "Turned off by CONNECTORS_CHAOS=0.", SkipUnless = nameof(ChaosEnabled))]
    public async Task Run_FaultsAtSteadyRate_EveryOrderAndShipmentOnceLevelsEqualWms()
    {
        var output = TestContext.Current.TestOutputHelper!;
        var logs = new LogCapture();
        var off = Environment.GetEnvironmentVariable("CONNECTORS_CHAOS_OFF") is not null;
        var report = await new ChaosScenario(new ChaosSettings { Logs = logs, FaultEvery = off ? 0 : 5, TransportEvery = off ? 0 : 9 }.WithEnvironment(), output.WriteLine).RunAsync(TestContext.Current.CancellationToken);
        output.WriteLine(report.ToText());
        if (!report.Converged)
        {
            foreach (var entry in logs.Entries.Where(e => !e.Contains("Polly", StringComparison.Ordinal) && (e.StartsWith("Warning", StringComparison.Ordinal) || e.StartsWith("Error", StringComparison.Ordinal) || e.Contains("ulfil", StringComparison.Ordinal) || e.Contains("hipment", StringComparison.Ordinal))).Take(80))
            {
                output.WriteLine(entry.Split(Environment.NewLine)[0]);
            }
        }
        foreach (var letter in report.DeadLetters)
        {
            output.WriteLine($"dead letter {letter.Id} ({letter.Channel}, {letter.Kind}): {letter.ErrorType} {letter.Reason}");
        }

        foreach (var mismatch in report.LevelMismatches)
        {
            output.WriteLine("level mismatch " + mismatch);
        }

        // A red run explains itself: each missing order's history and each mismatched level beside the WMS and the engine.
        foreach (var detail in report.MissingOrderDetails.Concat(report.LevelDetails))
        {
            output.WriteLine(detail);
        }

        // The whole timed log, for a run that needs more than the details: always with CONNECTORS_CHAOS_LOG=<file>, and
        // to a temporary file when the run is red.
        var logPath = Environment.GetEnvironmentVariable("CONNECTORS_CHAOS_LOG");
        if (logPath is null && !report.Converged)
        {
            logPath = Path.Combine(Path.GetTempPath(), $"connectors-chaos-seed{report.Seed}-{DateTime.UtcNow:yyyyMMdd-HHmmss}.log");
        }

        if (!string.IsNullOrEmpty(logPath))
        {
            await File.WriteAllLinesAsync(logPath, [report.ToText(), .. logs.TimedEntries], TestContext.Current.CancellationToken);
            output.WriteLine("whole log: " + logPath);
        }

        Assert.True(report.FaultsInjected.Values.Sum() > 0, "no fault was injected");
        Assert.True(report.TransportFaults > 0, "no transport fault was injected");
        Assert.Equal(0, report.OrdersMissing);
        Assert.Equal(0, report.OrdersDuplicated);
        Assert.Equal(report.OrdersPlaced, report.OrdersInWms);
        Assert.True(report.SplitOrPartial > 0, "no split or partial shipment was made");
        Assert.Equal(0, report.ShipmentsMissing);
        Assert.Equal(0, report.ShipmentsDuplicated);
        Assert.Equal(report.Shipments, report.ShipmentsConfirmed);
        Assert.Equal(1, report.ReturnsConfirmed);
        Assert.Empty(report.LevelMismatches);
        Assert.Equal(report.InvalidOnPurpose, report.DeadLetters.Count);
        Assert.All(report.DeadLetters, d => Assert.StartsWith("webhook:", d.Id, StringComparison.Ordinal));
        foreach (var over in report.OverStatements.GroupBy(o => o.Split(' ')[0]).SelectMany(g => new[] { g.First(), g.Last() }).Distinct())
        {
            output.WriteLine("over-statement " + over);
        }

        Assert.True(report.WooPaidLater > 0, "no WooCommerce order was paid later");
        Assert.True(report.WooCancelled > 0, "no WooCommerce order was cancelled");
        Assert.Equal(0, report.WooCancelledInWms);
        Assert.Equal(1, report.WooRestockingRefunds);
        Assert.True(report.MagentoOrders > 0, "no Magento order was placed");
        Assert.Contains(report.FaultsInjected.Keys, k => k.StartsWith("magento.", StringComparison.Ordinal));
        Assert.True(report.LevelSamples > 0, "the WooCommerce levels were never sampled");
        Assert.Empty(report.OverStatements);
        Assert.True(report.Converged);
    }
}
