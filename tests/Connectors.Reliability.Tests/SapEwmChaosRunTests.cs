using Connectors.Reliability.Tests.Infrastructure;

namespace Connectors.Reliability.Tests;

/// <summary>Scenario 4 with SAP EWM as the warehouse: faults in both shops and in SAP; nothing lost, nothing twice.</summary>
public sealed class SapEwmChaosRunTests
{
    [Fact(Skip = "Turned off by CONNECTORS_CHAOS=0.", SkipUnless = nameof(ChaosRunTests.ChaosEnabled), SkipType = typeof(ChaosRunTests))]
    public Task Run_SapEwmWarehouseWithFaults_EveryOrderOneSalesOrderEveryParcelOnceLevelsEqualEwm() => RunAsync(reportDeliveryOrders: false);

    /// <summary>
    /// The same run with <c>ReportDeliveryOrders</c> on, part of the default chaos run. It was opt-in while 2 of 14 runs
    /// ended with a Shopify order refused as an update by the adapter; that was fulfilment progress read as an order change
    /// (docs/architecture.md, "Fulfilment progress is not an order change"), fixed and then green in 13 of 13 runs with other
    /// seeds on 2026-12-03 (docs/warehouses/sap-ewm.md).
    /// </summary>
    [Fact(Skip = "Turned off by CONNECTORS_CHAOS=0.", SkipUnless = nameof(ChaosRunTests.ChaosEnabled), SkipType = typeof(ChaosRunTests))]
    public Task Run_SapEwmWarehouseWithFaultsReportingDeliveryOrders_EveryOrderOneSalesOrderEveryParcelOnceLevelsEqualEwm() => RunAsync(reportDeliveryOrders: true);

    private static async Task RunAsync(bool reportDeliveryOrders)
    {
        var output = TestContext.Current.TestOutputHelper!;
        var logs = new LogCapture();
        var report = await new SapEwmChaosScenario(new ChaosSettings { Logs = logs, FaultEvery = 5, OrdersPerShop = 8 }.WithEnvironment(), output.WriteLine, reportDeliveryOrders).RunAsync(TestContext.Current.CancellationToken);
        output.WriteLine(report.ToText());
        foreach (var letter in report.DeadLetters)
        {
            output.WriteLine($"dead letter {letter.Id} ({letter.Channel}, {letter.Kind}): {letter.ErrorType} {letter.Reason}");
        }

        foreach (var mismatch in report.LevelMismatches)
        {
            output.WriteLine("level mismatch " + mismatch);
        }

        if (!report.Converged)
        {
            foreach (var entry in logs.Entries.Where(e => e.StartsWith("Warning", StringComparison.Ordinal) || e.StartsWith("Error", StringComparison.Ordinal) || e.Contains("SAP EWM", StringComparison.Ordinal)).Take(80))
            {
                output.WriteLine(entry.Split(Environment.NewLine)[0]);
            }
        }

        Assert.True(report.FaultsInjected.Where(f => f.Key.StartsWith("sap.", StringComparison.Ordinal)).Sum(f => f.Value) > 0, "no fault was injected in SAP");
        Assert.Equal(0, report.OrdersMissing);
        Assert.Equal(0, report.OrdersDuplicated);
        Assert.Equal(report.OrdersPlaced, report.OrdersInSap);
        Assert.True(report.DeliveriesGoodsIssued >= report.OrdersPlaced, $"{report.DeliveriesGoodsIssued} deliveries goods-issued for {report.OrdersPlaced} orders");
        Assert.Equal(0, report.ShipmentsMissing);
        Assert.Equal(0, report.ShipmentsDuplicated);
        Assert.Equal(1, report.ReturnsConfirmed);
        Assert.Empty(report.LevelMismatches);
        Assert.Empty(report.DeadLetters);
        Assert.True(report.Converged);
    }
}
