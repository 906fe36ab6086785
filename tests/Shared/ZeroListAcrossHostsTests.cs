using Connectors.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Tests.Listings;

/// <summary>
/// The listing actions' zero list across hosts: two engines, each in its own container as two processes have, over one
/// database, where a list one host changes is honoured by the other at its next computation or push pass, without a
/// restart. Shared by the in-memory, SQLite and PostgreSQL test projects (linked source), each deriving with its store.
/// </summary>
public abstract class ZeroListAcrossHostsTests
{
    private const string Channel = "shop";
    private readonly FakeChannel _channel = new(Channel);
    private readonly FakeWarehouse _warehouse = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Two store instances over one fresh, empty database (or the same instance twice for an in-process store).</summary>
    protected abstract ValueTask<(ISyncStateStore HostA, ISyncStateStore HostB)> CreateStoresAsync();

    /// <summary>
    /// Host A zeroes the discontinued item; host B, which read the (empty) list before, hears of new stock for it and
    /// pushes: zero, not the stock. Then A lifts the zero (the item is current again) and B's next stock change is
    /// pushed as it is, not as zero. Fails before the change: B kept the list it read first until a restart.
    /// </summary>
    [Fact]
    public async Task ZeroList_ChangedOnHostA_HonouredByHostBWithoutRestart()
    {
        var (storeA, storeB) = await CreateStoresAsync();
        await using var hostA = Host(storeA);
        await using var hostB = Host(storeB);
        Stock("OLD", 6);
        List("OLD");
        var onB = hostB.GetRequiredService<IInventorySync>();
        await onB.RecordStockLevelsAsync([new StockLevel("OLD", "wh1", 6)], Ct);
        await onB.DispatchAsync(Channel, Ct);
        Assert.Equal(6, _channel.GetLevel("OLD", "wh1"));

        _warehouse.SetDiscontinued(true, "OLD");
        Assert.Equal(["OLD"], (await hostA.GetRequiredService<IListingHealth>().ApplyActionsAsync(Channel, Ct)).Zeroed);
        Stock("OLD", 20);
        await onB.RecordStockLevelsAsync([new StockLevel("OLD", "wh1", 20)], Ct);
        await onB.DispatchAsync(Channel, Ct);
        var whileZeroed = _channel.GetLevel("OLD", "wh1");

        _warehouse.SetDiscontinued(false, "OLD");
        Assert.Empty((await hostA.GetRequiredService<IListingHealth>().ApplyActionsAsync(Channel, Ct)).Zeroed);
        Stock("OLD", 15);
        await onB.RecordStockLevelsAsync([new StockLevel("OLD", "wh1", 15)], Ct);
        await onB.DispatchAsync(Channel, Ct);

        Assert.Equal(0, whileZeroed);
        Assert.Equal(15, _channel.GetLevel("OLD", "wh1"));
    }

    /// <summary>
    /// A list stored by another host that went down before computing anything from it (the list is stored first): host
    /// B's next push pass, with no stock change in between, pushes zero; when the list is cleared the same way, B's next
    /// push pass shows the stock again. Fails before the change: B pushed nothing new until a restart.
    /// </summary>
    [Fact]
    public async Task ZeroList_StoredByAnotherHost_TakesEffectAtHostBNextPushPass()
    {
        var (storeA, storeB) = await CreateStoresAsync();
        await using var hostB = Host(storeB);
        Stock("OLD", 9);
        List("OLD");
        var onB = hostB.GetRequiredService<IInventorySync>();
        await onB.RecordStockLevelsAsync([new StockLevel("OLD", "wh1", 9)], Ct);
        await onB.DispatchAsync(Channel, Ct);
        Assert.Equal(9, _channel.GetLevel("OLD", "wh1"));

        var zeroStore = Assert.IsAssignableFrom<IListingZeroStore>(storeA);
        await zeroStore.ReplaceZeroedListingItemsAsync(Channel, ["OLD"], Ct);
        await onB.DispatchAsync(Channel, Ct);
        var zeroed = _channel.GetLevel("OLD", "wh1");

        await zeroStore.ReplaceZeroedListingItemsAsync(Channel, [], Ct);
        await onB.DispatchAsync(Channel, Ct);

        Assert.Equal(0, zeroed);
        Assert.Equal(9, _channel.GetLevel("OLD", "wh1"));
    }

    /// <summary>
    /// A row computed from an older list (a host that stored its figure just after another zeroed the item) asks for
    /// stock of a zeroed item: the push sends zero instead, and the row is recomputed to zero, so it is not pushed again.
    /// Fails before the change: the push sent what the row asked for.
    /// </summary>
    [Fact]
    public async Task ZeroList_RowFromOlderListClaimed_PushedAsZeroAndCorrected()
    {
        var (storeA, _) = await CreateStoresAsync();
        await using var hostA = Host(storeA);
        Stock("OLD", 6);
        List("OLD");
        _warehouse.SetDiscontinued(true, "OLD");
        var onA = hostA.GetRequiredService<IInventorySync>();
        await onA.RecordStockLevelsAsync([new StockLevel("OLD", "wh1", 6)], Ct);
        await hostA.GetRequiredService<IListingHealth>().ApplyActionsAsync(Channel, Ct);
        await onA.DispatchAsync(Channel, Ct);
        Assert.Equal(0, _channel.GetLevel("OLD", "wh1"));

        // What a host with the old list stores: the stock, computed as if the item were not zeroed.
        var key = new InventoryKey(Channel, "OLD", "wh1");
        await storeA.SetDesiredInventoryAsync([new DesiredInventory { Key = key, Quantity = 6, Sku = "OLD" }], DateTimeOffset.UtcNow, Ct);
        var pushesBefore = _channel.Pushes.Count;
        var result = await onA.DispatchAsync(Channel, Ct);
        var second = await onA.DispatchAsync(Channel, Ct);

        Assert.Equal(0, _channel.GetLevel("OLD", "wh1"));
        Assert.Equal(1, result.Applied);
        Assert.Equal(0, second.Applied);
        Assert.Equal(0, (await storeA.GetInventoryAsync(key, Ct))!.Desired);
        Assert.Equal(pushesBefore + 1, _channel.Pushes.Count);
    }

    private ServiceProvider Host(ISyncStateStore store)
    {
        var services = new ServiceCollection();
        services.AddSingleton(store);
        services.AddSingleton<IWarehouseInventory>(_warehouse);
        services.AddSingleton<IWarehouseItemCatalog>(_warehouse);
        services.AddSingleton<IItemResolver>(new FakeItemResolver { FallBackToIdentity = true });
        services.AddConnectors().AddChannel(Channel, "fake", _ => _channel)
            .ConfigureListingHealth(o => o.Channels[Channel] = new ListingActionOptions { ZeroDiscontinued = true });
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
    }

    private void List(string sku) =>
        _channel.PutListing(new ChannelListing { ChannelItemId = sku, Sku = sku, Status = ListingStatus.Active, Title = "Item " + sku });

    private void Stock(string sku, decimal onHand) => _warehouse.SetStock(new StockLevel(sku, "wh1", onHand));
}
