using Connectors.Inventory;
using Connectors.Inventory.Internal;

namespace Connectors.Tests.Inventory;

public class InventorySyncOptionsValidatorTests
{
    [Fact]
    public void Validate_Defaults_Succeeds()
    {
        var validator = new InventorySyncOptionsValidator([]);

        Assert.True(validator.Validate(null, new ConnectorsOptions()).Succeeded);
    }

    [Fact]
    public void Validate_BadValues_NamesEverySetting()
    {
        var options = new ConnectorsOptions();
        options.Inventory.SafetyStockPercent = 120m;
        options.Inventory.SafetyStockBySku["A"] = -1m;
        options.Inventory.ItemCacheDuration = TimeSpan.FromDays(2);
        options.Inventory.ReservationTimeToLive = TimeSpan.FromSeconds(30);
        options.Inventory.Channels["store-z"] = new ChannelInventoryOptions
        {
            SharePercent = -5m,
            Locations = { new InventoryLocationMapping { WarehouseLocation = "wh1" } },
        };
        var validator = new InventorySyncOptionsValidator([new ChannelRegistration("store-a", "fake", _ => null!)]);

        var result = validator.Validate(null, options);

        Assert.True(result.Failed);
        var failures = string.Join("\n", result.Failures!);
        Assert.Contains("Connectors:Inventory:SafetyStockPercent is 120", failures, StringComparison.Ordinal);
        Assert.Contains("Connectors:Inventory:SafetyStockBySku:A", failures, StringComparison.Ordinal);
        Assert.Contains("Connectors:Inventory:ItemCacheDuration", failures, StringComparison.Ordinal);
        Assert.Contains("Connectors:Inventory:ReservationTimeToLive is 00:00:30 but must be between 00:01:00 and 90.00:00:00", failures, StringComparison.Ordinal);
        Assert.Contains("Connectors:Inventory:Channels:store-z names no registered channel (registered: store-a)", failures, StringComparison.Ordinal);
        Assert.Contains("Connectors:Inventory:Channels:store-z:SharePercent", failures, StringComparison.Ordinal);
        Assert.Contains("Connectors:Inventory:Channels:store-z:Locations:0:ChannelLocation is required", failures, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_BadQuotaSettings_NamesEachSetting()
    {
        var options = new ConnectorsOptions();
        options.Inventory.Channels["store-a"] = new ChannelInventoryOptions
        {
            LowStockThreshold = -1,
            QuotaOrder = (QuotaSpendingOrder)7,
            Quota = new ChannelQuota { CallsPerDay = 0 },
        };
        options.Inventory.Channels["store-b"] = new ChannelInventoryOptions { Quota = new ChannelQuota { CallsPerDay = 5, TimeZoneId = "Mars/Olympus" } };
        var validator = new InventorySyncOptionsValidator([new ChannelRegistration("store-a", "fake", _ => null!), new ChannelRegistration("store-b", "fake", _ => null!)]);

        var result = validator.Validate(null, options);

        var failures = string.Join("\n", result.Failures!);
        Assert.Contains("Connectors:Inventory:Channels:store-a:LowStockThreshold is -1", failures, StringComparison.Ordinal);
        Assert.Contains("Connectors:Inventory:Channels:store-a:QuotaOrder is 7", failures, StringComparison.Ordinal);
        Assert.Contains("Connectors:Inventory:Channels:store-a:Quota.CallsPerDay", failures, StringComparison.Ordinal);
        Assert.Contains("Connectors:Inventory:Channels:store-b:Quota.TimeZoneId", failures, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ChannelWithLocationRule_RequiresAndChecksTheMapping()
    {
        var rule = new ChannelLocationRule { Description = "a digit", IsValid = id => id.All(char.IsAsciiDigit) };
        var registrations = new[]
        {
            new ChannelRegistration("store-a", "fake", _ => null!) { LocationRule = rule },
            new ChannelRegistration("store-b", "fake", _ => null!) { LocationRule = rule },
            new ChannelRegistration("store-c", "fake", _ => null!),
        };
        var options = new ConnectorsOptions();
        options.Inventory.Channels["store-b"] = new ChannelInventoryOptions
        {
            Locations = { new InventoryLocationMapping { WarehouseLocation = "WH1", ChannelLocation = "7" }, new InventoryLocationMapping { WarehouseLocation = "WH2", ChannelLocation = "WH2" } },
        };

        var result = new InventorySyncOptionsValidator(registrations).Validate(null, options);

        Assert.True(result.Failed);
        var failures = result.Failures!.ToArray();
        Assert.Equal(2, failures.Length);
        Assert.Contains("Connectors:Inventory:Channels:store-a:Locations is not set, but channel 'store-a' (fake) names its stock locations by a digit", failures[0], StringComparison.Ordinal);
        Assert.Equal("Connectors:Inventory:Channels:store-b:Locations:1:ChannelLocation is 'WH2', but channel 'store-b' (fake) needs a digit.", failures[1]);
    }

    [Fact]
    public void Validate_ChannelWithLocationRule_NoWarehouseInventory_RequiresNoMapping()
    {
        var registrations = new[] { new ChannelRegistration("store-a", "fake", _ => null!) { LocationRule = new ChannelLocationRule { Description = "x", IsValid = _ => false } } };
        using var services = Microsoft.Extensions.DependencyInjection.ServiceCollectionContainerBuilderExtensions.BuildServiceProvider(new Microsoft.Extensions.DependencyInjection.ServiceCollection());

        var result = new InventorySyncOptionsValidator(registrations, (Microsoft.Extensions.DependencyInjection.IServiceProviderIsService)services.GetService(typeof(Microsoft.Extensions.DependencyInjection.IServiceProviderIsService))!).Validate(null, new ConnectorsOptions());

        Assert.True(result.Succeeded);
    }
}
