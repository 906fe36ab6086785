using Xunit;

namespace Connectors.Testing;

/// <summary>
/// The optional <see cref="IListingZeroStore"/> capability (skipped for stores that do not implement it): the listing
/// actions' zero list per channel, replaced whole, kept across a restart.
/// </summary>
public abstract partial class SyncStateStoreConformanceTests
{
    private async Task<IListingZeroStore> CreateListingZeroStoreAsync()
    {
        var store = await CreateStoreAsync() as IListingZeroStore;
        Assert.SkipWhen(store is null, "This store does not implement IListingZeroStore; the listing actions' zero list lives in memory over it.");
        return store!;
    }

    /// <summary>
    /// A replace sets the channel's list (duplicates once, ordinal order), a second replaces it whole, an empty one clears
    /// it; another channel's list is untouched throughout.
    /// </summary>
    [Fact]
    public async Task ListingZero_Replace_WholeListPerChannelOrdinalOrder()
    {
        var store = await CreateListingZeroStoreAsync();
        Assert.Empty(await store.GetZeroedListingItemsAsync("a", Ct));

        await store.ReplaceZeroedListingItemsAsync("a", ["b-2", "B-1", "b-2", "a/10", "é"], Ct);
        await store.ReplaceZeroedListingItemsAsync("b", ["x"], Ct);
        Assert.Equal(["B-1", "a/10", "b-2", "é"], await store.GetZeroedListingItemsAsync("a", Ct));

        await store.ReplaceZeroedListingItemsAsync("a", ["a/10", "c"], Ct);
        Assert.Equal(["a/10", "c"], await store.GetZeroedListingItemsAsync("a", Ct));

        await store.ReplaceZeroedListingItemsAsync("a", [], Ct);
        Assert.Empty(await store.GetZeroedListingItemsAsync("a", Ct));
        Assert.Equal(["x"], await store.GetZeroedListingItemsAsync("b", Ct));
    }

    /// <summary>An empty item id is refused naming its position, and the stored list stays as it was.</summary>
    [Fact]
    public async Task ListingZero_EmptyItemId_RefusedListUnchanged()
    {
        var store = await CreateListingZeroStoreAsync();
        await store.ReplaceZeroedListingItemsAsync("a", ["k"], Ct);

        var error = await Assert.ThrowsAsync<ConnectorValidationException>(async () => await store.ReplaceZeroedListingItemsAsync("a", ["m", string.Empty], Ct));

        Assert.Contains("channelItemIds[1]", error.Message, StringComparison.Ordinal);
        Assert.Equal(["k"], await store.GetZeroedListingItemsAsync("a", Ct));
    }

    /// <summary>A durable store keeps the zero lists across a restart (skipped for stores that are not durable).</summary>
    [Fact]
    public async Task ListingZero_Reopen_ListKept()
    {
        var store = await CreateListingZeroStoreAsync();
        await store.ReplaceZeroedListingItemsAsync("a", ["i1", "i2"], Ct);

        var reopened = await ReopenAsync((ISyncStateStore)store);
        Assert.SkipWhen(reopened is null, "This store is not durable.");

        Assert.Equal(["i1", "i2"], await ((IListingZeroStore)reopened!).GetZeroedListingItemsAsync("a", Ct));
    }

    /// <summary>
    /// The change counter moves with every replace (of any channel's list, an empty one too) and stays put between
    /// them, so a host that reads the same number twice knows no list changed.
    /// </summary>
    [Fact]
    public async Task ListingZero_Version_MovesWithEveryReplaceOnly()
    {
        var store = await CreateListingZeroStoreAsync();
        var initial = await store.GetZeroedListingVersionAsync(Ct);

        await store.ReplaceZeroedListingItemsAsync("a", ["i1"], Ct);
        var afterA = await store.GetZeroedListingVersionAsync(Ct);
        _ = await store.GetZeroedListingItemsAsync("a", Ct);
        var unchanged = await store.GetZeroedListingVersionAsync(Ct);
        await store.ReplaceZeroedListingItemsAsync("b", ["x"], Ct);
        var afterB = await store.GetZeroedListingVersionAsync(Ct);
        await store.ReplaceZeroedListingItemsAsync("a", [], Ct);
        var afterClear = await store.GetZeroedListingVersionAsync(Ct);

        Assert.Equal(0L, initial);
        Assert.NotEqual(initial, afterA);
        Assert.Equal(afterA, unchanged);
        Assert.NotEqual(afterA, afterB);
        Assert.NotEqual(afterB, afterClear);
        Assert.NotEqual(initial, afterClear);
    }

    /// <summary>A refused replace leaves the change counter where it was, as it leaves the list.</summary>
    [Fact]
    public async Task ListingZero_RefusedReplace_VersionUnchanged()
    {
        var store = await CreateListingZeroStoreAsync();
        await store.ReplaceZeroedListingItemsAsync("a", ["k"], Ct);
        var before = await store.GetZeroedListingVersionAsync(Ct);

        await Assert.ThrowsAsync<ConnectorValidationException>(async () => await store.ReplaceZeroedListingItemsAsync("a", [string.Empty], Ct));

        Assert.Equal(before, await store.GetZeroedListingVersionAsync(Ct));
    }
}
