using Connectors.Samples.ConsoleHost;

namespace Connectors.Samples.Tests;

/// <summary>The sample's scenario, in process, against the emulators, with a small catalogue.</summary>
[Collection(SharedMeterCollection.Name)]
public sealed class DemoScenarioTests
{
    [Fact]
    public async Task RunAsync_SmallCatalogue_EveryOrderOnceEveryShipmentOnceLevelsMatchTheWms()
    {
        var ct = TestContext.Current.CancellationToken;
        var data = Directory.CreateTempSubdirectory("connectors-sample-test-").FullName;
        var scenario = new DemoScenario(new DemoOptions { Skus = 60, Orders = 8, DataDirectory = data });

        var summary = await scenario.RunAsync(ct);

        Assert.False(summary.DryRun);
        Assert.Equal(8, summary.OrdersPlaced);
        Assert.InRange(summary.OrdersByWebhook, 1, 7); // some by webhook, some by polling only
        Assert.Equal(summary.OrdersPlaced, summary.OrdersIngested);
        Assert.Equal(0, summary.OrdersDuplicated);
        Assert.True(summary.ShipmentsPublished >= summary.OrdersIngested);
        Assert.Equal(summary.ShipmentsPublished, summary.ShipmentsConfirmed);
        Assert.Equal(0, summary.ShipmentsDuplicated);
        Assert.Equal(1, summary.ReturnsRequested);
        Assert.Equal(1, summary.ReturnsCompleted);
        Assert.True(summary.LevelsChecked > 60 * 4, $"only {summary.LevelsChecked} channel levels checked"); // Shopify per location, WooCommerce, Magento salable
        Assert.Empty(summary.LevelMismatches);
        Assert.Equal(0, summary.ReconciliationDifferences); // the engine's own acknowledgements and fulfilments are not drift
        Assert.Empty(summary.DeadLetters.Select(d => $"{d.Channel} {d.Flow}: {d.Reason}"));
        // Prices (issue 20): every selling unit priced on WooCommerce, Shopify and Magento, the mistyped 10x price held on
        // all three, and the shops storing exactly what the engine recorded as applied (the held ones still at their old
        // price; Shopify's sale as price + compare-at price, Magento's as base + special price).
        Assert.True(summary.PricesPushed >= 180, $"only {summary.PricesPushed} prices pushed");
        Assert.True(summary.PricesHeld >= 3, $"the 10x price was held {summary.PricesHeld} times, not on all three shops");
        Assert.True(summary.PricesChecked >= 180, $"only {summary.PricesChecked} prices checked on the shops");
        Assert.Empty(summary.PriceMismatches);
        Assert.True(summary.ItemsPushed >= summary.LevelsChecked, $"{summary.ItemsPushed} items pushed for {summary.LevelsChecked} levels");
        Assert.True(File.Exists(Path.Combine(data, "connectors.db")), "the state lives in the SQLite file");
    }

    [Fact]
    public async Task RunAsync_DryRun_PlansChangesAndPushesNothing()
    {
        var ct = TestContext.Current.CancellationToken;
        var scenario = new DemoScenario(new DemoOptions { Skus = 30, Orders = 2, DryRun = true, DataDirectory = Directory.CreateTempSubdirectory("connectors-sample-test-").FullName });

        var summary = await scenario.RunAsync(ct);

        Assert.True(summary.DryRun);
        Assert.Equal(0, summary.ItemsPushed);
        Assert.Equal(0, summary.OrdersPlaced);
        Assert.True(summary.PlannedChanges[DemoOptions.ShopifyChannel] > 0);
        Assert.True(summary.PlannedChanges[DemoOptions.WooChannel] > 0);
        Assert.True(summary.PlannedChanges[DemoOptions.MagentoChannel] > 0);
    }
}
