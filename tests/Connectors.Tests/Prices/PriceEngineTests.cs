using Connectors.Testing;
using static Connectors.Tests.Prices.PriceHarness;

namespace Connectors.Tests.Prices;

public sealed class PriceEngineTests
{
    [Fact]
    public async Task RecordPrices_NewPrice_DispatchPushesAndAcknowledgesIt()
    {
        using var harness = Create();
        await harness.PublishAsync(Price("SKU-1", 19.99m));

        var row = await harness.RowAsync("SKU-1");
        Assert.NotNull(row);
        Assert.True(row.IsPending);
        var result = await harness.DispatchAsync();

        Assert.Equal(1, result.Applied);
        Assert.Equal(new Money(19.99m, "EUR"), harness.A.GetPrice("SKU-1", "EUR")!.Amount);
        row = await harness.RowAsync("SKU-1");
        Assert.False(row!.IsPending);
        Assert.Equal(new Money(19.99m, "EUR"), row.Acknowledged!.Amount);
    }

    [Fact]
    public async Task RecordPrices_BurstBeforeDispatch_CoalescesIntoOnePushOfTheLatest()
    {
        using var harness = Create();
        await harness.PublishAsync(Price("SKU-1", 10m));
        await harness.PublishAsync(Price("SKU-1", 11m));
        await harness.PublishAsync(Price("SKU-1", 12m));

        await harness.DispatchAsync();

        var push = Assert.Single(harness.A.PricePushes);
        Assert.Equal(12m, Assert.Single(push).Price.Amount.Amount);
    }

    [Fact]
    public async Task RecordPrices_PriceTheChannelAlreadyShows_PushesNothing()
    {
        using var harness = Create();
        await harness.PublishAsync(Price("SKU-1", 10m));
        await harness.DispatchAsync();
        await harness.PublishAsync(Price("SKU-1", 12m));
        await harness.PublishAsync(Price("SKU-1", 10m)); // back before it was pushed

        var result = await harness.DispatchAsync();

        Assert.Equal(0, result.Batches);
        Assert.Single(harness.A.PricePushes);
    }

    [Fact]
    public async Task RecordPrices_EachCurrencyIsItsOwnRow()
    {
        using var harness = Create();
        await harness.PublishAsync(Price("SKU-1", 10m, "EUR"), Price("SKU-1", 1200m, "JPY"));

        await harness.DispatchAsync();

        Assert.Equal(10m, harness.A.GetPrice("SKU-1", "EUR")!.Amount.Amount);
        Assert.Equal(1200m, harness.A.GetPrice("SKU-1", "JPY")!.Amount.Amount);
    }

    [Fact]
    public async Task DispatchAsync_MoreRowsThanTheBatchSize_SendsBatchesOfAtMostThatSize()
    {
        using var harness = Create(channels: new FakeChannel("store-a") { MaxPriceBatchSize = 2 });
        await harness.PublishAsync([.. Enumerable.Range(1, 5).Select(i => Price($"SKU-{i}", i))]);

        var result = await harness.DispatchAsync();

        Assert.Equal(3, result.Batches);
        Assert.Equal(5, result.Applied);
        Assert.Equal([2, 2, 1], harness.A.PricePushes.Select(p => p.Count));
    }

    [Fact]
    public async Task DispatchAsync_ChannelRejectsAnItem_DeadLettersAndParksItOthersApplied()
    {
        using var harness = Create();
        harness.A.RejectPrice("SKU-2", "price below the marketplace minimum");
        await harness.PublishAsync(Price("SKU-1", 10m), Price("SKU-2", 0.01m));

        var result = await harness.DispatchAsync();

        Assert.Equal(1, result.Applied);
        Assert.Equal(1, result.Rejected);
        var letter = Assert.Single(await ListAsync(harness.Store.ListDeadLettersAsync(null, Token)));
        Assert.Equal(ConnectorFlows.Prices, letter.Flow);
        Assert.Equal("price-target", letter.Kind);
        Assert.Contains("SKU-2", letter.Payload, StringComparison.Ordinal);
        Assert.Equal("price below the marketplace minimum", letter.Reason);
        harness.Time.Advance(TimeSpan.FromDays(1));
        Assert.Equal(0, (await harness.DispatchAsync()).Batches); // parked until its price changes
    }

    [Fact]
    public async Task DispatchAsync_TransientFailure_ReschedulesWithBackoffThenPushes()
    {
        using var harness = Create();
        await harness.PublishAsync(Price("SKU-1", 10m));
        harness.A.FailNextPricePushes(1);

        var failed = await harness.DispatchAsync();
        var early = await harness.DispatchAsync();
        harness.Time.Advance(TimeSpan.FromSeconds(11));
        var later = await harness.DispatchAsync();

        Assert.Equal(1, failed.Rescheduled);
        Assert.Equal(0, early.Batches);
        Assert.Equal(1, later.Applied);
        Assert.Equal(10m, harness.A.GetPrice("SKU-1", "EUR")!.Amount.Amount);
    }

    [Fact]
    public async Task RecordPrices_BundleAndCasePack_PricedFromTheirComponentsAndRepricedWhenOneChanges()
    {
        var resolver = new FakeItemResolver()
            .Add("store-a", "gift-box", ("TEA", 2m), ("MUG", 1m))
            .Add("store-a", "tea-6", ("TEA", 6m));
        using var harness = Create(resolver: resolver);
        await harness.PublishAsync(Price("TEA", 3.50m), Price("MUG", 8m));
        await harness.DispatchAsync();
        Assert.Equal(15m, harness.A.GetPrice("gift-box", "EUR")!.Amount.Amount);
        Assert.Equal(21m, harness.A.GetPrice("tea-6", "EUR")!.Amount.Amount);

        await harness.PublishAsync(Price("MUG", 9m));
        await harness.DispatchAsync();

        Assert.Equal(16m, harness.A.GetPrice("gift-box", "EUR")!.Amount.Amount);
        Assert.Equal(3, harness.A.PricePushes.Sum(p => p.Count)); // the case pack did not move
    }

    [Fact]
    public async Task RecordPrices_InvalidPrices_RefusedNamingTheFieldNothingStored()
    {
        using var harness = Create();

        var error = await Assert.ThrowsAsync<ConnectorValidationException>(() => harness.PublishAsync(
            Price("SKU-1", 10m),
            Price("SKU-2", -1m),
            new BasePrice { Sku = "SKU-3", Price = new Money(5m, "EUR"), Cost = new Money(2m, "USD") },
            Price(" ", 3m)));

        Assert.Contains(error.Errors, e => e.FieldPath == "prices[1].Price.Amount");
        Assert.Contains(error.Errors, e => e.FieldPath == "prices[2].Cost.Currency");
        Assert.Contains(error.Errors, e => e.FieldPath == "prices[3].Sku");
        Assert.Empty(await harness.Store.ReadBasePricesAsync(null, Token));
        Assert.Null(await harness.RowAsync("SKU-1"));
    }

    [Fact]
    public async Task PublishPricesAsync_ThroughConnectorEvents_ReachesTheChannel()
    {
        using var harness = Create();
        await harness.Events.PublishPricesAsync([Price("SKU-1", 4.20m)], Token);

        await harness.DispatchAsync();

        Assert.Equal(4.20m, harness.A.GetPrice("SKU-1", "EUR")!.Amount.Amount);
    }

    [Fact]
    public async Task DryRunAsync_ShowsFromWhatToWhatAndWhy_StoresNothing()
    {
        using var harness = Create();
        await harness.PublishAsync(Price("SKU-1", 10m), Price("SKU-2", 5m));
        await harness.DispatchAsync();
        await harness.Store.SetBasePricesAsync([Price("SKU-1", 11m)], harness.Time.GetUtcNow(), Token); // e.g. written by another host

        var report = await harness.Sync.DryRunAsync(Token);

        Assert.True(report.DryRun);
        var channel = Assert.Single(report.Channels);
        Assert.Equal(2, channel.Computed);
        var change = Assert.Single(channel.Changes);
        Assert.Equal("SKU-1", change.Key.ChannelItemId);
        Assert.Equal(10m, change.From!.Amount.Amount);
        Assert.Equal(11m, change.To.Amount.Amount);
        Assert.Equal(["base price 11.00 EUR"], change.Steps);
        Assert.Null(change.HoldReason);
        Assert.False((await harness.RowAsync("SKU-1"))!.IsPending);
    }

    [Fact]
    public async Task RepriceAsync_StoresWhatTheDryRunShowed()
    {
        using var harness = Create();
        await harness.PublishAsync(Price("SKU-1", 10m));
        await harness.DispatchAsync();
        await harness.Store.SetBasePricesAsync([Price("SKU-1", 11m)], harness.Time.GetUtcNow(), Token);

        var report = await harness.Sync.RepriceAsync(Token);
        await harness.DispatchAsync();

        Assert.False(report.DryRun);
        Assert.Single(report.Channels[0].Changes);
        Assert.Equal(11m, harness.A.GetPrice("SKU-1", "EUR")!.Amount.Amount);
    }

    [Fact]
    public async Task RecordPrices_CalculatorCannotPrice_DeadLettersTheProblemNamingTheRule()
    {
        using var harness = Create(calculator: new ProblemCalculator());
        await harness.PublishAsync(Price("SKU-1", 10m));

        var letter = Assert.Single(await ListAsync(harness.Store.ListDeadLettersAsync(null, Token)));
        Assert.Equal("price-calculation", letter.Kind);
        Assert.StartsWith("Pricing.Currency: no EUR->USD rate", letter.Reason, StringComparison.Ordinal);
        Assert.Equal(0, (await harness.DispatchAsync()).Batches);
    }

    [Fact]
    public async Task RecordPrices_StoreWithoutPriceSupport_RefusedNamingTheStore()
    {
        using var harness = Create(storeOverride: Inventory.PlainStore.Wrap(new Connectors.State.InMemorySyncStateStore()));

        var error = await Assert.ThrowsAsync<ConnectorException>(() => harness.PublishAsync(Price("SKU-1", 10m)));

        Assert.Contains(nameof(IPriceStore), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DispatchAsync_AppliedAndRejected_CountedInPushedItemsByOutcome()
    {
        using var harness = Create();
        using var pushed = harness.Collect("connectors.prices.pushed_items");
        harness.A.RejectPrice("SKU-2", "no");
        await harness.PublishAsync(Price("SKU-1", 1m), Price("SKU-2", 2m), Price("SKU-3", 3m));

        await harness.DispatchAsync();

        var byOutcome = pushed.GetMeasurementSnapshot().GroupBy(m => (string)m.Tags[ConnectorsTelemetry.OutcomeTag]!).ToDictionary(g => g.Key, g => g.Sum(m => m.Value));
        Assert.Equal(2, byOutcome["applied"]);
        Assert.Equal(1, byOutcome["rejected"]);
    }

    internal static async Task<List<T>> ListAsync<T>(IAsyncEnumerable<T> source)
    {
        var list = new List<T>();
        await foreach (var item in source)
        {
            list.Add(item);
        }

        return list;
    }

    private sealed class ProblemCalculator : IPriceCalculator
    {
        public ValueTask<PriceCalculation> CalculateAsync(PriceCalculationRequest request, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(new PriceCalculation { Problem = "no EUR->USD rate from the rate source", ProblemField = "Pricing.Currency" });
    }
}
