using Connectors.Testing;
using static Connectors.Tests.Prices.PriceHarness;

namespace Connectors.Tests.Prices;

public sealed class PriceHoldTests
{
    [Fact]
    public async Task RecordPrices_DropAboveTheLimit_HeldNotPushedAndListedWithFromAndTo()
    {
        using var harness = Create();
        using var held = harness.Collect("connectors.prices.held");
        await harness.PublishAsync(Price("SKU-1", 199.00m));
        await harness.DispatchAsync();

        await harness.PublishAsync(Price("SKU-1", 19.90m)); // a wrong decimal point
        var result = await harness.DispatchAsync();

        Assert.Equal(0, result.Batches);
        Assert.Equal(199.00m, harness.A.GetPrice("SKU-1", "EUR")!.Amount.Amount);
        var row = Assert.Single(await PriceEngineTests.ListAsync(harness.Holds.ListAsync(null, Token)));
        Assert.Equal(199.00m, row.Acknowledged!.Amount.Amount);
        Assert.Equal(19.90m, row.Desired.Amount.Amount);
        Assert.Contains("90.0 % decrease", row.HoldReason, StringComparison.Ordinal);
        Assert.Equal(1, held.GetMeasurementSnapshot().Sum(m => m.Value));
    }

    [Fact]
    public async Task RecordPrices_ChangeWithinTheLimit_PushedWithoutHold()
    {
        using var harness = Create();
        await harness.PublishAsync(Price("SKU-1", 20m));
        await harness.DispatchAsync();

        await harness.PublishAsync(Price("SKU-1", 29.99m)); // +49.95 %
        await harness.DispatchAsync();

        Assert.Equal(29.99m, harness.A.GetPrice("SKU-1", "EUR")!.Amount.Amount);
        Assert.Empty(await PriceEngineTests.ListAsync(harness.Holds.ListAsync(null, Token)));
    }

    [Fact]
    public async Task RecordPrices_IncreaseAboveAConfiguredChannelLimit_Held()
    {
        using var harness = Create(o => o.Prices.MaxChangePercentByChannel["store-a"] = 10m);
        await harness.PublishAsync(Price("SKU-1", 20m));
        await harness.DispatchAsync();

        await harness.PublishAsync(Price("SKU-1", 23m)); // +15 %

        var row = Assert.Single(await PriceEngineTests.ListAsync(harness.Holds.ListAsync("store-a", Token)));
        Assert.Contains("15.0 % increase, above the 10 % limit", row.HoldReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReleaseAsync_HeldChange_IsPushedByTheNextDispatch()
    {
        using var harness = Create();
        using var decided = harness.Collect("connectors.prices.hold_decisions");
        await harness.PublishAsync(Price("SKU-1", 100m));
        await harness.DispatchAsync();
        await harness.PublishAsync(Price("SKU-1", 10m));
        var row = Assert.Single(await PriceEngineTests.ListAsync(harness.Holds.ListAsync(null, Token)));

        Assert.False(await harness.Holds.ReleaseAsync(row.Key, row.Version + 1, Token)); // not the version looked at
        Assert.True(await harness.Holds.ReleaseAsync(row.Key, row.Version, Token));
        await harness.DispatchAsync();

        Assert.Equal(10m, harness.A.GetPrice("SKU-1", "EUR")!.Amount.Amount);
        Assert.Empty(await PriceEngineTests.ListAsync(harness.Holds.ListAsync(null, Token)));
        Assert.Equal("released", Assert.Single(decided.GetMeasurementSnapshot()).Tags[ConnectorsTelemetry.OutcomeTag]);
    }

    [Fact]
    public async Task DiscardAsync_HeldChange_ChannelKeepsItsPriceAndTheSameBasePriceIsHeldAgain()
    {
        using var harness = Create();
        await harness.PublishAsync(Price("SKU-1", 100m));
        await harness.DispatchAsync();
        await harness.PublishAsync(Price("SKU-1", 10m));
        var row = Assert.Single(await PriceEngineTests.ListAsync(harness.Holds.ListAsync(null, Token)));

        Assert.True(await harness.Holds.DiscardAsync(row.Key, row.Version, Token));
        var result = await harness.DispatchAsync();
        Assert.Equal(0, result.Batches);
        Assert.False((await harness.RowAsync("SKU-1"))!.IsPending);

        await harness.PublishAsync(Price("SKU-1", 10m));
        Assert.Single(await PriceEngineTests.ListAsync(harness.Holds.ListAsync(null, Token)));
        Assert.Equal(100m, harness.A.GetPrice("SKU-1", "EUR")!.Amount.Amount);
    }

    [Fact]
    public async Task RecordPrices_HeldThenCorrectedBasePrice_PushedWithoutARelease()
    {
        using var harness = Create();
        await harness.PublishAsync(Price("SKU-1", 100m));
        await harness.DispatchAsync();
        await harness.PublishAsync(Price("SKU-1", 10m));

        await harness.PublishAsync(Price("SKU-1", 101m)); // the host fixed the decimal point
        await harness.DispatchAsync();

        Assert.Equal(101m, harness.A.GetPrice("SKU-1", "EUR")!.Amount.Amount);
        Assert.Empty(await PriceEngineTests.ListAsync(harness.Holds.ListAsync(null, Token)));
    }

    [Fact]
    public async Task RecordPrices_FirstPriceOfAnItem_NotHeld()
    {
        using var harness = Create();
        await harness.PublishAsync(Price("SKU-1", 1_000_000m));

        Assert.Equal(1, (await harness.DispatchAsync()).Applied);
    }

    [Fact]
    public async Task DryRunAsync_ChangeAboveTheLimit_ReportsItWouldBeHeld()
    {
        using var harness = Create();
        await harness.PublishAsync(Price("SKU-1", 100m));
        await harness.DispatchAsync();
        await harness.Store.SetBasePricesAsync([Price("SKU-1", 300m)], harness.Time.GetUtcNow(), Token);

        var change = Assert.Single((await harness.Sync.DryRunAsync(Token)).Channels[0].Changes);

        Assert.Contains("200.0 % increase", change.HoldReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_MaxChangePercentNotPositive_FailsAtStartNamingTheSetting()
    {
        using var harness = Create(o => o.Prices.MaxChangePercent = 0m);

        var error = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(
            () => Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Microsoft.Extensions.Options.IOptions<ConnectorsOptions>>(harness.Services).Value);

        Assert.Contains("Connectors:Prices:MaxChangePercent is 0", error.Message, StringComparison.Ordinal);
    }
}
