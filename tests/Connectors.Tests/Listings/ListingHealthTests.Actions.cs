using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Tests.Listings;

/// <summary>The opt-in listing actions: nothing without the opt-in; zero, deactivate and reactivate each on its own.</summary>
public sealed partial class ListingHealthTests
{
    private IInventorySync Inventory => _services.GetRequiredService<IInventorySync>();

    /// <summary>A discontinued item with stock and an active listing, a current one sold out with stock back, a draft with stock.</summary>
    private async Task ArrangeCatalogAsync()
    {
        Stock("OLD", 6);
        Stock("BACK", 4);
        Stock("NEW", 9);
        _warehouse.SetDiscontinued(true, "OLD");
        List("OLD", "OLD");
        List("BACK", "BACK", ListingStatus.SoldOut);
        List("NEW", "NEW", ListingStatus.Draft);
        await Inventory.RecordStockLevelsAsync([new StockLevel("OLD", "wh1", 6), new StockLevel("BACK", "wh1", 4), new StockLevel("NEW", "wh1", 9)], Ct);
        await Inventory.DispatchAsync(Channel, Ct);
        Assert.Equal((6, 4), (_channel.GetLevel("OLD", "wh1"), _channel.GetLevel("BACK", "wh1")));
    }

    [Fact]
    public async Task ApplyActions_NoOptIn_ReportsCandidatesAndChangesNothing()
    {
        await ArrangeCatalogAsync();

        var result = await Health.ApplyActionsAsync(Channel, Ct);
        await Inventory.DispatchAsync(Channel, Ct);

        Assert.Equal(["OLD"], result.DiscontinuedActiveListings.Select(l => l.ChannelItemId));
        Assert.Equal(["BACK"], result.RestockedSoldOutListings.Select(l => l.ChannelItemId));
        Assert.Empty(result.Zeroed);
        Assert.Empty(result.Deactivated);
        Assert.Empty(result.Reactivated);
        Assert.Empty(_channel.ListingActions);
        Assert.Equal(6, _channel.GetLevel("OLD", "wh1"));
        Assert.Equal((ListingStatus.Active, ListingStatus.SoldOut), (_channel.GetListing("OLD")!.Status, _channel.GetListing("BACK")!.Status));
    }

    [Fact]
    public async Task ApplyActions_ZeroDiscontinued_PushesZeroThatLaterStockDoesNotUndo()
    {
        using var t = With(o => o.ZeroDiscontinued = true);
        await t.ArrangeCatalogAsync();

        var result = await t.Health.ApplyActionsAsync(Channel, Ct);
        await t.Inventory.DispatchAsync(Channel, Ct);
        Assert.Equal(["OLD"], result.Zeroed);
        Assert.Equal(0, t._channel.GetLevel("OLD", "wh1"));

        await t.Inventory.RecordStockLevelsAsync([new StockLevel("OLD", "wh1", 20)], Ct);
        await t.Inventory.DispatchAsync(Channel, Ct);

        Assert.Equal(0, t._channel.GetLevel("OLD", "wh1"));
        Assert.Equal(4, t._channel.GetLevel("BACK", "wh1"));
        Assert.Empty(t._channel.ListingActions);
        Assert.Equal(ListingStatus.Active, t._channel.GetListing("OLD")!.Status);
        Assert.Equal(ListingStatus.SoldOut, t._channel.GetListing("BACK")!.Status);
    }

    /// <summary>
    /// The zero list is kept in the store: an engine started afresh over the same store (a restart) keeps pushing zero
    /// for the discontinued item when its stock changes, without the actions having run again; and when the actions
    /// run there after the item became current, the stored zero is lifted. Fails with the list in memory only.
    /// </summary>
    [Fact]
    public async Task ApplyActions_ZeroDiscontinued_ZeroKeptByAnEngineRestartedOverTheSameStore()
    {
        var store = new Connectors.State.InMemorySyncStateStore();
        using (var first = Host(store))
        {
            Stock("OLD", 6);
            _warehouse.SetDiscontinued(true, "OLD");
            List("OLD", "OLD");
            var inventory = first.GetRequiredService<IInventorySync>();
            await inventory.RecordStockLevelsAsync([new StockLevel("OLD", "wh1", 6)], Ct);
            Assert.Equal(["OLD"], (await first.GetRequiredService<IListingHealth>().ApplyActionsAsync(Channel, Ct)).Zeroed);
            await inventory.DispatchAsync(Channel, Ct);
            Assert.Equal(0, _channel.GetLevel("OLD", "wh1"));
        }

        using var restarted = Host(store);
        var again = restarted.GetRequiredService<IInventorySync>();
        await again.RecordStockLevelsAsync([new StockLevel("OLD", "wh1", 20)], Ct);
        await again.DispatchAsync(Channel, Ct);
        Assert.Equal(0, _channel.GetLevel("OLD", "wh1"));

        _warehouse.SetDiscontinued(false, "OLD");
        Stock("OLD", 20);
        await restarted.GetRequiredService<IListingHealth>().ApplyActionsAsync(Channel, Ct);
        await again.DispatchAsync(Channel, Ct);
        Assert.Equal(20, _channel.GetLevel("OLD", "wh1"));
        Assert.Empty(await store.GetZeroedListingItemsAsync(Channel, Ct));
    }

    private ServiceProvider Host(ISyncStateStore store)
    {
        var services = new ServiceCollection();
        services.AddSingleton(store);
        services.AddSingleton<IWarehouseInventory>(_warehouse);
        services.AddSingleton<IWarehouseItemCatalog>(_warehouse);
        services.AddSingleton<IItemResolver>(_resolver);
        services.AddConnectors().AddChannel(Channel, "fake", _ => _channel)
            .ConfigureListingHealth(o => o.Channels[Channel] = new ListingActionOptions { ZeroDiscontinued = true });
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
    }

    [Fact]
    public async Task ApplyActions_ZeroedItemCurrentAgain_WmsLevelPushedAgain()
    {
        using var t = With(o => o.ZeroDiscontinued = true);
        await t.ArrangeCatalogAsync();
        await t.Health.ApplyActionsAsync(Channel, Ct);
        await t.Inventory.DispatchAsync(Channel, Ct);
        Assert.Equal(0, t._channel.GetLevel("OLD", "wh1"));

        t._warehouse.SetDiscontinued(false, "OLD");
        var result = await t.Health.ApplyActionsAsync(Channel, Ct);
        await t.Inventory.DispatchAsync(Channel, Ct);

        Assert.Empty(result.Zeroed);
        Assert.Equal(6, t._channel.GetLevel("OLD", "wh1"));
    }

    [Fact]
    public async Task ApplyActions_DeactivateDiscontinued_TakesDownOnlyActiveDiscontinuedListings()
    {
        using var t = With(o => o.DeactivateDiscontinued = true);
        await t.ArrangeCatalogAsync();
        t.List("OLD-SOLD", "OLD-2", ListingStatus.SoldOut);
        t._warehouse.SetDiscontinued(true, "OLD-2");

        var result = await t.Health.ApplyActionsAsync(Channel, Ct);
        await t.Inventory.DispatchAsync(Channel, Ct);

        var deactivated = Assert.Single(result.Deactivated);
        Assert.Equal(("OLD", PushOutcome.Applied), (deactivated.ChannelItemId, deactivated.Outcome));
        Assert.Equal([("deactivate", (IReadOnlyList<string>)["OLD"])], t._channel.ListingActions.Select(a => (a.Action, a.Items)).ToList(), new ActionComparer());
        Assert.Equal(ListingStatus.Inactive, t._channel.GetListing("OLD")!.Status);
        Assert.Equal(ListingStatus.SoldOut, t._channel.GetListing("BACK")!.Status);
        Assert.Equal(6, t._channel.GetLevel("OLD", "wh1"));
        Assert.Empty(result.Zeroed);
    }

    [Fact]
    public async Task ApplyActions_ReactivateWhenStocked_OnlySoldOutWithStockAndNeverDrafts()
    {
        using var t = With(o => o.ReactivateWhenStocked = true);
        await t.ArrangeCatalogAsync();
        t.Stock("EMPTY", 0);
        t.List("EMPTY", "EMPTY", ListingStatus.SoldOut);
        t.List("OLD-SOLD", "OLD-2", ListingStatus.SoldOut);
        t.Stock("OLD-2", 5);
        t._warehouse.SetDiscontinued(true, "OLD-2");
        t.List("MANUAL-OFF", "NEW-2", ListingStatus.Inactive);
        t.Stock("NEW-2", 5);

        var result = await t.Health.ApplyActionsAsync(Channel, Ct);

        Assert.Equal(["BACK"], result.Reactivated.Select(r => r.ChannelItemId));
        Assert.Equal(ListingStatus.Active, t._channel.GetListing("BACK")!.Status);
        Assert.Equal(ListingStatus.SoldOut, t._channel.GetListing("EMPTY")!.Status);
        Assert.Equal(ListingStatus.SoldOut, t._channel.GetListing("OLD-SOLD")!.Status);
        Assert.Equal(ListingStatus.Inactive, t._channel.GetListing("MANUAL-OFF")!.Status);
        Assert.Equal(ListingStatus.Draft, t._channel.GetListing("NEW")!.Status);
        Assert.Equal(ListingStatus.Active, t._channel.GetListing("OLD")!.Status);
        Assert.Empty(result.Deactivated);
        Assert.Empty(result.Zeroed);
    }

    [Fact]
    public async Task ApplyActions_ZeroAndDeactivateWithoutReactivate_SoldOutStaysSoldOut()
    {
        using var t = With(o =>
        {
            o.ZeroDiscontinued = true;
            o.DeactivateDiscontinued = true;
        });
        await t.ArrangeCatalogAsync();

        var result = await t.Health.ApplyActionsAsync(Channel, Ct);
        await t.Inventory.DispatchAsync(Channel, Ct);

        Assert.Equal(["OLD"], result.Zeroed);
        Assert.Equal(["OLD"], result.Deactivated.Select(r => r.ChannelItemId));
        Assert.Empty(result.Reactivated);
        Assert.Equal(ListingStatus.SoldOut, t._channel.GetListing("BACK")!.Status);
        Assert.DoesNotContain(t._channel.ListingActions, a => a.Action == "reactivate");
    }

    /// <summary>
    /// The one-pass form the hosted worker uses: every report entry reaches the callback in report order (the same as
    /// <c>GetReportAsync</c> gives), the channel's listings are read once, and the opted-in actions are applied.
    /// </summary>
    [Fact]
    public async Task ReportAndApplyActions_OnePass_HandsEveryEntryAndApplies()
    {
        using var t = With(o => o.ZeroDiscontinued = true);
        await t.ArrangeCatalogAsync();
        var readBefore = t._channel.ListingsRead;
        var seen = new List<ListingReportEntry>();

        var result = await t.Health.ReportAndApplyActionsAsync(
            Channel,
            (entry, _) =>
            {
                seen.Add(entry);
                return ValueTask.CompletedTask;
            },
            Ct);
        var readByRun = t._channel.ListingsRead - readBefore;
        var report = await t.ReportAsync();

        Assert.Equal(["OLD"], result.Zeroed);
        Assert.Equal(3, readByRun);
        Assert.Equal(
            report.Select(e => (e.Listing?.ChannelItemId, string.Join(';', e.WarehouseSkus), e.Problems)),
            seen.Select(e => (e.Listing?.ChannelItemId, string.Join(';', e.WarehouseSkus), e.Problems)));
        Assert.Contains(seen, e => e.Problems.HasFlag(ListingProblems.DiscontinuedActive));
    }

    private sealed class ActionComparer : IEqualityComparer<(string Action, IReadOnlyList<string> Items)>
    {
        public bool Equals((string Action, IReadOnlyList<string> Items) x, (string Action, IReadOnlyList<string> Items) y) =>
            x.Action == y.Action && x.Items.SequenceEqual(y.Items);

        public int GetHashCode((string Action, IReadOnlyList<string> Items) obj) => obj.Action.GetHashCode(StringComparison.Ordinal);
    }
}
