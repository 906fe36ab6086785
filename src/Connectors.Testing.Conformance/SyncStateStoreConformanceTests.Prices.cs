using Xunit;

namespace Connectors.Testing;

/// <summary>The price flow's state (<see cref="IPriceStore"/>): the base price book and the desired/acknowledged price rows.</summary>
public abstract partial class SyncStateStoreConformanceTests
{
    private static PriceKey PKey(string item, string channel = "a", string currency = "EUR") => new(channel, item, currency);

    private static ChannelPrice PriceOf(decimal amount, string currency = "EUR") => new() { Amount = new Money(amount, currency) };

    private static DesiredPrice Desire(string item, decimal amount, string? hold = null, string channel = "a") =>
        new() { Key = PKey(item, channel), Price = PriceOf(amount), Sku = "SKU-" + item, HoldReason = hold };

    private async Task<IPriceStore> CreatePriceStoreAsync() =>
        await CreateStoreAsync() as IPriceStore ?? throw new Xunit.Sdk.XunitException("The store does not implement IPriceStore.");

    private static async Task<PriceRow?> PriceRowAsync(IPriceStore store, PriceKey key) =>
        (await store.GetPricesAsync([key], Ct)).SingleOrDefault();

    /// <summary>Base prices are kept per SKU and currency, with cost, and replaced by later ones.</summary>
    [Fact]
    public async Task Prices_SetBasePrices_KeptPerSkuAndCurrencyLastWins()
    {
        var store = await CreatePriceStoreAsync();
        var changed = await store.SetBasePricesAsync(
            [
                new BasePrice { Sku = "B", Price = new Money(5m, "EUR") },
                new BasePrice { Sku = "A", Price = new Money(10.5m, "EUR"), Cost = new Money(4.25m, "EUR") },
                new BasePrice { Sku = "A", Price = new Money(1500m, "JPY") },
            ],
            T0,
            Ct);
        var again = await store.SetBasePricesAsync([new BasePrice { Sku = "B", Price = new Money(5m, "EUR") }, new BasePrice { Sku = "B", Price = new Money(6m, "EUR") }], T0, Ct);

        Assert.Equal(3, changed);
        Assert.Equal(1, again);
        var all = await store.ReadBasePricesAsync(null, Ct);
        Assert.Equal(["A/EUR", "A/JPY", "B/EUR"], all.Select(p => $"{p.Sku}/{p.Price.Currency}"));
        Assert.Equal(new Money(4.25m, "EUR"), all[0].Cost);
        Assert.Null(all[1].Cost);
        Assert.Equal(6m, all[2].Price.Amount);
        Assert.Equal(["B"], (await store.ReadBasePricesAsync(["B", "C"], Ct)).Select(p => p.Sku));
    }

    /// <summary>A new price row is pending at version 1, due at once, with every part of the price kept exactly.</summary>
    [Fact]
    public async Task Prices_SetDesired_NewRowPendingWithTheWholePrice()
    {
        var store = await CreatePriceStoreAsync();
        var price = new ChannelPrice
        {
            Amount = new Money(24.99m, "EUR"),
            CompareAt = new Money(29.99m, "EUR"),
            Sale = new Money(19.99m, "EUR"),
            SaleStartsAt = T0.AddDays(1),
            SaleEndsAt = T0.AddDays(8),
            MinimumAdvertised = new Money(18m, "EUR"),
        };

        Assert.Equal(1, await store.SetDesiredPricesAsync([new DesiredPrice { Key = PKey("i1"), Price = price, Sku = "S1" }], T0, Ct));

        var row = await PriceRowAsync(store, PKey("i1"));
        Assert.NotNull(row);
        Assert.Equal(price, row.Desired);
        Assert.Null(row.Acknowledged);
        Assert.Equal(1, row.Version);
        Assert.Equal("S1", row.Sku);
        Assert.Equal(T0, row.NextAttemptAt);
        Assert.True(row.IsPending);
        Assert.False(row.IsHeld);
    }

    /// <summary>The same desired price again changes nothing (bursts coalesce); a new one bumps the version.</summary>
    [Fact]
    public async Task Prices_SetDesired_SamePriceLeavesRowNewPriceBumpsVersion()
    {
        var store = await CreatePriceStoreAsync();
        await store.SetDesiredPricesAsync([Desire("i1", 10m)], T0, Ct);

        Assert.Equal(0, await store.SetDesiredPricesAsync([Desire("i1", 10.00m)], T0.AddSeconds(1), Ct));
        Assert.Equal(1, (await PriceRowAsync(store, PKey("i1")))!.Version);
        Assert.Equal(1, await store.SetDesiredPricesAsync([Desire("i1", 11m), Desire("i1", 12m)], T0.AddSeconds(2), Ct));
        var row = await PriceRowAsync(store, PKey("i1"));
        Assert.Equal(2, row!.Version);
        Assert.Equal(12m, row.Desired.Amount.Amount);
        Assert.Equal(T0.AddSeconds(2), row.UpdatedAt);
    }

    /// <summary>A key whose currency is not its price's refuses the whole batch.</summary>
    [Fact]
    public async Task Prices_SetDesired_CurrencyMismatchStoresNothing()
    {
        var store = await CreatePriceStoreAsync();

        await Assert.ThrowsAsync<ConnectorValidationException>(async () => await store.SetDesiredPricesAsync(
            [Desire("i1", 10m), new DesiredPrice { Key = PKey("i2", currency: "USD"), Price = PriceOf(5m) }], T0, Ct));

        Assert.Null(await PriceRowAsync(store, PKey("i1")));
    }

    /// <summary>Claims take due, unheld, unleased pending rows of one channel, oldest due first; the lease hides them.</summary>
    [Fact]
    public async Task Prices_Claim_DueUnheldUnleasedOfTheChannelOnly()
    {
        var store = await CreatePriceStoreAsync();
        await store.SetDesiredPricesAsync([Desire("i2", 2m)], T0.AddSeconds(1), Ct);
        await store.SetDesiredPricesAsync([Desire("i1", 1m), Desire("held", 3m, hold: "too big"), Desire("other", 4m, channel: "b")], T0, Ct);

        var first = await store.ClaimPendingPricesAsync("a", 10, T0.AddSeconds(5), Lease, Ct);
        var second = await store.ClaimPendingPricesAsync("a", 10, T0.AddSeconds(6), Lease, Ct);
        var afterLease = await store.ClaimPendingPricesAsync("a", 1, T0.AddSeconds(5) + Lease, Lease, Ct);

        Assert.Equal(["i1", "i2"], first.Select(r => r.Key.ChannelItemId));
        Assert.Empty(second);
        Assert.Equal(["i1"], afterLease.Select(r => r.Key.ChannelItemId));
    }

    /// <summary>An acknowledgement ends pending unless desired moved on meanwhile.</summary>
    [Fact]
    public async Task Prices_Acknowledge_EndsPendingUnlessDesiredChanged()
    {
        var store = await CreatePriceStoreAsync();
        await store.SetDesiredPricesAsync([Desire("i1", 10m), Desire("i2", 20m)], T0, Ct);
        var claimed = await store.ClaimPendingPricesAsync("a", 10, T0, Lease, Ct);
        await store.SetDesiredPricesAsync([Desire("i2", 21m)], T0.AddSeconds(1), Ct);

        await store.AcknowledgePricesAsync([.. claimed.Select(r => new PriceAcknowledgement(r.Key, r.Desired))], Ct);

        Assert.False((await PriceRowAsync(store, PKey("i1")))!.IsPending);
        var moved = await PriceRowAsync(store, PKey("i2"));
        Assert.True(moved!.IsPending);
        Assert.Equal(20m, moved.Acknowledged!.Amount.Amount);
        Assert.Equal(["i2"], (await store.ClaimPendingPricesAsync("a", 10, T0.AddSeconds(2), Lease, Ct)).Select(r => r.Key.ChannelItemId));
    }

    /// <summary>A reschedule counts an attempt, keeps the error and makes the row due later; MaxValue parks it until desired changes.</summary>
    [Fact]
    public async Task Prices_Reschedule_CountsAttemptAndParks()
    {
        var store = await CreatePriceStoreAsync();
        await store.SetDesiredPricesAsync([Desire("i1", 10m)], T0, Ct);
        await store.ClaimPendingPricesAsync("a", 10, T0, Lease, Ct);

        await store.ReschedulePricesAsync([PKey("i1")], DateTimeOffset.MaxValue, "rejected", Ct);

        var row = await PriceRowAsync(store, PKey("i1"));
        Assert.Equal(1, row!.Attempts);
        Assert.Equal("rejected", row.LastError);
        Assert.Equal(DateTimeOffset.MaxValue, row.NextAttemptAt);
        Assert.Empty(await store.ClaimPendingPricesAsync("a", 10, T0.AddYears(50), Lease, Ct));
        await store.SetDesiredPricesAsync([Desire("i1", 11m)], T0.AddSeconds(1), Ct);
        row = await PriceRowAsync(store, PKey("i1"));
        Assert.Equal(0, row!.Attempts);
        Assert.Null(row.LastError);
        Assert.Single(await store.ClaimPendingPricesAsync("a", 10, T0.AddSeconds(1), Lease, Ct));
    }

    /// <summary>A held row is listed as held; releasing it at its version makes it claimable; another version is refused.</summary>
    [Fact]
    public async Task Prices_ReleaseHeld_AtItsVersionMakesItClaimable()
    {
        var store = await CreatePriceStoreAsync();
        await store.SetDesiredPricesAsync([Desire("i1", 10m, hold: "90 % decrease"), Desire("i2", 5m)], T0, Ct);

        var held = await ToListAsync(store.ListPricesAsync("a", PriceRowFilter.Held, Ct));
        Assert.Equal(["i1"], held.Select(r => r.Key.ChannelItemId));
        Assert.Equal("90 % decrease", held[0].HoldReason);
        Assert.False(await store.ReleaseHeldPriceAsync(PKey("i1"), 2, T0, Ct));
        Assert.False(await store.ReleaseHeldPriceAsync(PKey("i2"), 1, T0, Ct));
        Assert.True(await store.ReleaseHeldPriceAsync(PKey("i1"), 1, T0.AddSeconds(1), Ct));

        Assert.Empty(await ToListAsync(store.ListPricesAsync(null, PriceRowFilter.Held, Ct)));
        Assert.Equal(["i1", "i2"], (await store.ClaimPendingPricesAsync("a", 10, T0.AddSeconds(1), Lease, Ct)).Select(r => r.Key.ChannelItemId).Order());
    }

    /// <summary>Discarding a held change puts desired back to acknowledged; a row never acknowledged is deleted.</summary>
    [Fact]
    public async Task Prices_DiscardHeld_BackToAcknowledgedOrDeleted()
    {
        var store = await CreatePriceStoreAsync();
        await store.SetDesiredPricesAsync([Desire("i1", 100m), Desire("new", 3m, hold: "check")], T0, Ct);
        await store.AcknowledgePricesAsync([new PriceAcknowledgement(PKey("i1"), PriceOf(100m))], Ct);
        await store.SetDesiredPricesAsync([Desire("i1", 10m, hold: "90 % decrease")], T0.AddSeconds(1), Ct);

        Assert.True(await store.DiscardHeldPriceAsync(PKey("i1"), 2, T0.AddSeconds(2), Ct));
        Assert.True(await store.DiscardHeldPriceAsync(PKey("new"), 1, T0.AddSeconds(2), Ct));
        Assert.False(await store.DiscardHeldPriceAsync(PKey("i1"), 2, T0.AddSeconds(2), Ct));

        var row = await PriceRowAsync(store, PKey("i1"));
        Assert.False(row!.IsPending);
        Assert.False(row.IsHeld);
        Assert.Equal(100m, row.Desired.Amount.Amount);
        Assert.Null(await PriceRowAsync(store, PKey("new")));
    }

    /// <summary>An unchanged desired price keeps the row's hold; a changed one takes the new entry's hold (or none).</summary>
    [Fact]
    public async Task Prices_SetDesired_HoldFollowsChangesOnly()
    {
        var store = await CreatePriceStoreAsync();
        await store.SetDesiredPricesAsync([Desire("i1", 10m, hold: "held")], T0, Ct);

        await store.SetDesiredPricesAsync([Desire("i1", 10m)], T0.AddSeconds(1), Ct);
        Assert.True((await PriceRowAsync(store, PKey("i1")))!.IsHeld);
        await store.SetDesiredPricesAsync([Desire("i1", 11m)], T0.AddSeconds(2), Ct);
        Assert.False((await PriceRowAsync(store, PKey("i1")))!.IsHeld);
    }

    /// <summary>Listings filter by channel and state, ordered by channel, item and currency; batch reads skip unknown keys.</summary>
    [Fact]
    public async Task Prices_ListAndGet_FilterAndOrder()
    {
        var store = await CreatePriceStoreAsync();
        await store.SetDesiredPricesAsync(
            [Desire("i2", 2m), Desire("i1", 1m), Desire("b1", 1m, channel: "b"), new DesiredPrice { Key = PKey("i1", currency: "JPY"), Price = PriceOf(100m, "JPY") }], T0, Ct);
        await store.AcknowledgePricesAsync([new PriceAcknowledgement(PKey("i2"), PriceOf(2m))], Ct);

        Assert.Equal(["a/i1/EUR", "a/i1/JPY", "a/i2/EUR", "b/b1/EUR"], (await ToListAsync(store.ListPricesAsync(null, PriceRowFilter.All, Ct))).Select(r => r.Key.ToString()));
        Assert.Equal(["a/i1/EUR", "a/i1/JPY"], (await ToListAsync(store.ListPricesAsync("a", PriceRowFilter.Pending, Ct))).Select(r => r.Key.ToString()));
        Assert.Equal(100m, (await PriceRowAsync(store, PKey("i1", currency: "JPY")))!.Desired.Amount.Amount);
        Assert.Single(await store.GetPricesAsync([PKey("i2"), PKey("missing")], Ct));
    }

    /// <summary>Price rows and base prices survive a restart of a durable store.</summary>
    [Fact]
    public async Task Prices_Reopen_RowsAndBasePricesSurvive()
    {
        var created = await CreateStoreAsync();
        var store = (IPriceStore)created;
        await store.SetBasePricesAsync([new BasePrice { Sku = "A", Price = new Money(9.99m, "EUR"), Cost = new Money(3m, "EUR") }], T0, Ct);
        await store.SetDesiredPricesAsync([Desire("i1", 10m, hold: "held"), Desire("i2", 20m)], T0, Ct);
        await store.AcknowledgePricesAsync([new PriceAcknowledgement(PKey("i2"), PriceOf(20m))], Ct);

        if (await ReopenAsync(created) is not IPriceStore reopened)
        {
            return;
        }

        var basePrice = Assert.Single(await reopened.ReadBasePricesAsync(null, Ct));
        Assert.Equal(new Money(9.99m, "EUR"), basePrice.Price);
        Assert.Equal(new Money(3m, "EUR"), basePrice.Cost);
        Assert.True((await PriceRowAsync(reopened, PKey("i1")))!.IsHeld);
        Assert.False((await PriceRowAsync(reopened, PKey("i2")))!.IsPending);
    }
}
