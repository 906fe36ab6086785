using Connectors.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Connectors.Tests.Inventory;

/// <summary>
/// A shop outage of 15 minutes on the fake clock, long enough for every pending row to use all its attempts and be
/// parked with a dead letter; then each way out alone (a full sync, replaying the dead letters, a reconciliation with
/// repair) must bring the shop back to the WMS's level. Shared by the in-memory, SQLite and PostgreSQL test projects
/// (linked source), each deriving with its own store.
/// </summary>
public abstract class ParkedInventoryOutageTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Outage = TimeSpan.FromMinutes(15);
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(10);

    public enum Way
    {
        FullSync,
        ReplayDeadLetters,
        Reconcile,
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A fresh, empty store for one test.</summary>
    protected abstract ValueTask<ISyncStateStore> CreateStoreAsync();

    [Theory]
    [InlineData(Way.FullSync)]
    [InlineData(Way.ReplayDeadLetters)]
    [InlineData(Way.Reconcile)]
    public async Task Outage_RowsParked_EachWayAloneBringsShopBackToWmsLevel(Way way)
    {
        var store = await CreateStoreAsync();
        var time = new FakeTimeProvider(Start);
        var warehouse = new FakeWarehouse();
        var shop = new FakeChannel("shop", new ChannelCapabilities(50));
        var outageUntil = DateTimeOffset.MinValue;
        shop.BeforePush = (_, _) => time.GetUtcNow() < outageUntil
            ? throw new ConnectorRequestFailedException("fake", "Service unavailable (outage)", 503)
            : Task.CompletedTask;
        var services = new ServiceCollection();
        services.AddSingleton(store);
        services.AddSingleton<TimeProvider>(time);
        services.AddSingleton<IWarehouseInventory>(warehouse);
        services.AddConnectors().AddChannel(shop.Name, "fake", _ => shop); // default MaxAttempts and backoff
        await using var provider = services.BuildServiceProvider();
        var sync = provider.GetRequiredService<IInventorySync>();
        var skus = new[] { "A", "B", "C" };

        // Before the outage the shop shows the WMS's stock.
        warehouse.SetStock([.. skus.Select(s => new StockLevel(s, "wh1", 10))]);
        await sync.FullSyncAsync(Ct);
        await sync.DispatchAsync(shop.Name, Ct);
        Assert.All(skus, s => Assert.Equal(10, shop.GetLevel(s)));

        // The shop goes down; meanwhile stock changes in the WMS and reaches the engine.
        outageUntil = time.GetUtcNow() + Outage;
        StockLevel[] changed = [new("A", "wh1", 7), new("B", "wh1", 3), new("C", "wh1", 0)];
        warehouse.SetStock(changed);
        await sync.RecordStockLevelsAsync(changed, Ct);
        while (time.GetUtcNow() < outageUntil + TimeSpan.FromHours(1))
        {
            await sync.DispatchAsync(shop.Name, Ct);
            time.Advance(Tick);
        }

        // What the defect looked like: every row parked, the shop still shows the old stock an hour after it came back.
        var rows = await ToListAsync(store.ListInventoryAsync(shop.Name, pendingOnly: true, Ct));
        Assert.Equal(3, rows.Count);
        Assert.All(rows, r => Assert.Equal(DateTimeOffset.MaxValue, r.NextAttemptAt));
        var letters = await ToListAsync(provider.GetRequiredService<IDeadLetters>().ListAsync(shop.Name, ConnectorFlows.Inventory, Ct));
        Assert.Equal(3, letters.Count);
        Assert.All(skus, s => Assert.Equal(10, shop.GetLevel(s)));

        switch (way)
        {
            case Way.FullSync:
                await sync.FullSyncAsync(Ct);
                break;
            case Way.ReplayDeadLetters:
                foreach (var letter in letters)
                {
                    Assert.True(await provider.GetRequiredService<IDeadLetters>().ReplayAsync(letter.Id, Ct));
                }

                Assert.Empty(await ToListAsync(provider.GetRequiredService<IDeadLetters>().ListAsync(shop.Name, ConnectorFlows.Inventory, Ct)));
                break;
            case Way.Reconcile:
                var report = await provider.GetRequiredService<IReconciler>().ReconcileAsync(new ReconciliationRequest(shop.Name) { Orders = false }, Ct);
                Assert.Equal(3, report.Differences.Count(d => d is { Kind: ReconciliationDifferenceKind.InventoryParked, Repaired: true }));
                break;
        }

        var result = await sync.DispatchAsync(shop.Name, Ct);

        Assert.Equal(3, result.Applied);
        Assert.Equal((7, 3, 0), (shop.GetLevel("A"), shop.GetLevel("B"), shop.GetLevel("C")));
        Assert.Empty(await ToListAsync(store.ListInventoryAsync(shop.Name, pendingOnly: true, Ct)));
    }

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> source)
    {
        var list = new List<T>();
        await foreach (var item in source)
        {
            list.Add(item);
        }

        return list;
    }
}
