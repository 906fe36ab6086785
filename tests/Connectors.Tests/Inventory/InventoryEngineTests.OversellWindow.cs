using Connectors.Testing;

namespace Connectors.Tests.Inventory;

public partial class InventoryEngineTests
{
    [Fact]
    public async Task OpenAsync_OrderOnChannelA_LowersChannelBBeforeWmsSeesIt()
    {
        using var harness = InventoryHarness.Create();
        await harness.RecordAsync(new StockLevel("A", "wh1", 10));
        await harness.DispatchAllAsync();

        await harness.Window.OpenAsync(Reservation("store-a", "1001", ("A", 3m)), InventoryHarness.Token);
        await harness.DispatchAsync(harness.B);

        Assert.Equal(7, harness.B.GetLevel("A"));
        Assert.Equal(7, await harness.DesiredAsync(harness.A, "A"));
        Assert.Single(await ToListAsync(harness.Store.ListReservationsAsync(InventoryHarness.Token)));
    }

    [Fact]
    public async Task CloseAsync_AfterOpen_RestoresAvailability()
    {
        using var harness = InventoryHarness.Create();
        await harness.RecordAsync(new StockLevel("A", "wh1", 10));
        await harness.Window.OpenAsync(Reservation("store-a", "1001", ("A", 3m)), InventoryHarness.Token);
        await harness.DispatchAllAsync();

        await harness.Window.CloseAsync("store-a", "1001", InventoryHarness.Token);
        await harness.DispatchAllAsync();

        Assert.Equal(10, harness.A.GetLevel("A"));
        Assert.Equal(10, harness.B.GetLevel("A"));
        Assert.Empty(await ToListAsync(harness.Store.ListReservationsAsync(InventoryHarness.Token)));
    }

    [Fact]
    public async Task OpenAsync_MoreThanAvailable_NeverBelowZero()
    {
        using var harness = InventoryHarness.Create();
        await harness.RecordAsync(new StockLevel("A", "wh1", 2));

        await harness.Window.OpenAsync(Reservation("store-b", "9", ("A", 5m)), InventoryHarness.Token);

        Assert.Equal(0, await harness.DesiredAsync(harness.A, "A"));
        Assert.Equal(0, await harness.DesiredAsync(harness.B, "A"));
    }

    [Fact]
    public async Task OpenAsync_ReplacedReservation_CountsOnlyLatest()
    {
        using var harness = InventoryHarness.Create();
        await harness.RecordAsync(new StockLevel("A", "wh1", 10));

        await harness.Window.OpenAsync(Reservation("store-a", "1", ("A", 3m)), InventoryHarness.Token);
        await harness.Window.OpenAsync(Reservation("store-a", "1", ("A", 1m)), InventoryHarness.Token);

        Assert.Equal(9, await harness.DesiredAsync(harness.B, "A"));
    }

    [Fact]
    public async Task OpenAsync_NewEngineOverSameStore_StillSubtractsOpenWindows()
    {
        var store = new Connectors.State.InMemorySyncStateStore();
        using (var first = InventoryHarness.Create(store: store))
        {
            await first.RecordAsync(new StockLevel("A", "wh1", 10));
            await first.Window.OpenAsync(Reservation("store-a", "1", ("A", 4m)), InventoryHarness.Token);
        }

        using var second = InventoryHarness.Create(store: store);
        await second.RecordAsync(new StockLevel("A", "wh1", 8));

        Assert.Equal(4, await second.DesiredAsync(second.B, "A"));
    }

    private static PendingReservation Reservation(string channel, string orderId, params (string Sku, decimal Quantity)[] lines) =>
        new()
        {
            Channel = channel,
            OrderId = orderId,
            Quantities = [.. lines.Select(l => new ReservedQuantity(l.Sku, l.Quantity))],
            CreatedAt = ModelFactory.Epoch,
        };

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items)
        {
            list.Add(item);
        }

        return list;
    }
}
