using Connectors.Samples.ConsoleHost;

namespace Connectors.Samples.Tests;

/// <summary>The sample's SAP EWM mode (<c>--warehouse sap-ewm</c>), in process, against the three emulators.</summary>
[Collection(SharedMeterCollection.Name)]
public sealed class SapEwmScenarioTests
{
    [Fact]
    public async Task RunAsync_ShopOrdersThroughSapEwm_EachOrderOneSalesOrderAndItsTrackingOnTheShop()
    {
        var ct = TestContext.Current.CancellationToken;
        var data = Directory.CreateTempSubdirectory("connectors-sample-sap-").FullName;
        var scenario = new SapEwmScenario(new DemoOptions { Skus = 20, Orders = 6, DataDirectory = data, Warehouse = "sap-ewm" });

        var summary = await scenario.RunAsync(ct);

        Assert.True(summary.DeadLetters.Count == 0, string.Join("\n", summary.DeadLetters.Select(d => $"{d.Channel} {d.Flow}: {d.Reason}")));
        Assert.Equal(6, summary.OrdersPlaced);
        Assert.Equal(6, summary.OrdersIngested); // one sales order per shop order
        Assert.Equal(0, summary.OrdersDuplicated);
        Assert.Equal(6, summary.ShipmentsPublished); // one parcel (handling unit) per delivery
        Assert.Equal(6, summary.ShipmentsConfirmed); // each shop order has a fulfilment with the parcel's tracking number
        Assert.Equal(0, summary.ShipmentsDuplicated);
        Assert.Equal(40, summary.LevelsChecked);
        Assert.Empty(summary.LevelMismatches); // both shops show EWM's unrestricted-use stock after goods issue
    }
}
