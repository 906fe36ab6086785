using Connectors.Inventory;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Connectors.Tests.Inventory;

public class InventorySyncOptionsTests
{
    [Fact]
    public void Bind_FromConfiguration_FillsEverySetting()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Connectors:Inventory:MaxBatchesInFlight"] = "4",
            ["Connectors:Inventory:SafetyStock"] = "2",
            ["Connectors:Inventory:SafetyStockBySku:A"] = "5",
            ["Connectors:Inventory:SafetyStockPercent"] = "10",
            ["Connectors:Inventory:OutOfSaleSkus:0"] = "OLD",
            ["Connectors:Inventory:Channels:store-a:AllocationMode"] = "Priority",
            ["Connectors:Inventory:Channels:store-a:Priority"] = "3",
            ["Connectors:Inventory:Channels:store-a:MaxQuantity"] = "7",
            ["Connectors:Inventory:Channels:store-a:OutOfSaleItems:0"] = "X",
            ["Connectors:Inventory:Channels:store-a:Locations:0:WarehouseLocation"] = "wh1",
            ["Connectors:Inventory:Channels:store-a:Locations:0:ChannelLocation"] = "main",
            ["Connectors:Inventory:Channels:store-a:Locations:0:Percent"] = "50",
        }).Build();
        var services = new ServiceCollection();
        services.AddConnectors(configuration.GetSection("Connectors"))
            .AddChannel("store-a", "fake", _ => new Connectors.Testing.FakeChannel("store-a"));
        using var provider = services.BuildServiceProvider();

        var inventory = provider.GetRequiredService<IOptions<ConnectorsOptions>>().Value.Inventory;

        Assert.Equal(4, inventory.MaxBatchesInFlight);
        Assert.Equal(2m, inventory.SafetyStock);
        Assert.Equal(5m, inventory.SafetyStockBySku["A"]);
        Assert.Equal(10m, inventory.SafetyStockPercent);
        Assert.Contains("OLD", inventory.OutOfSaleSkus);
        var channel = inventory.Channels["STORE-A"];
        Assert.Equal(InventoryAllocationMode.Priority, channel.AllocationMode);
        Assert.Equal((3, 7m), (channel.Priority, channel.MaxQuantity));
        Assert.Contains("X", channel.OutOfSaleItems);
        var mapping = Assert.Single(channel.Locations);
        Assert.Equal(("wh1", "main", 50m), (mapping.WarehouseLocation, mapping.ChannelLocation, mapping.Percent));
    }

    /// <summary>A host declares or overrides a channel's daily quota in configuration (an Etsy app's own budget).</summary>
    [Fact]
    public void Bind_QuotaFromConfiguration_FillsTheChannelQuota()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Connectors:Inventory:Channels:store-a:Quota:CallsPerDay"] = "10000",
            ["Connectors:Inventory:Channels:store-a:Quota:RevisionsPerListingPerDay"] = "250",
            ["Connectors:Inventory:Channels:store-a:Quota:TimeZoneId"] = "America/Los_Angeles",
            ["Connectors:Inventory:Channels:store-a:LowStockThreshold"] = "3",
            ["Connectors:Inventory:Channels:store-a:QuotaOrder"] = "FirstInFirstOut",
        }).Build();
        var services = new ServiceCollection();
        services.AddConnectors(configuration.GetSection("Connectors"))
            .AddChannel("store-a", "fake", _ => new Connectors.Testing.FakeChannel("store-a"));
        using var provider = services.BuildServiceProvider();

        var channel = provider.GetRequiredService<IOptions<ConnectorsOptions>>().Value.Inventory.Channels["store-a"];

        Assert.Equal((10000, 250, "America/Los_Angeles"), (channel.Quota!.CallsPerDay, channel.Quota.RevisionsPerListingPerDay, channel.Quota.TimeZoneId));
        Assert.Equal((3, QuotaSpendingOrder.FirstInFirstOut), (channel.LowStockThreshold, channel.QuotaOrder));
    }

    [Fact]
    public void Validate_OnStart_UnknownChannelFailsWithSettingName()
    {
        var services = new ServiceCollection();
        services.AddConnectors(o => o.Inventory.Channels["nope"] = new ChannelInventoryOptions());
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<ConnectorsOptions>>().Value);

        Assert.Contains("Connectors:Inventory:Channels:nope", error.Message, StringComparison.Ordinal);
    }
}
