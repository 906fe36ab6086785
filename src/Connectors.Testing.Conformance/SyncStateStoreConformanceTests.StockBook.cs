using Xunit;

namespace Connectors.Testing;

/// <summary>
/// The behaviour of the optional <see cref="IStockBookStore"/> capability; skipped for stores that do not implement it.
/// </summary>
public abstract partial class SyncStateStoreConformanceTests
{
    private async Task<(ISyncStateStore Store, IStockBookStore Book)> CreateStockBookAsync()
    {
        var store = await CreateStoreAsync();
        var book = store as IStockBookStore;
        Assert.SkipWhen(book is null, "This store does not implement IStockBookStore; the engine keeps its stock book in memory.");
        return (store, book!);
    }

    private static Dictionary<(string Sku, string Location), (decimal OnHand, decimal Reserved)> Levels(StockBookSnapshot snapshot) =>
        snapshot.Levels.ToDictionary(l => (l.Sku, l.LocationId), l => (l.OnHand, l.Reserved));

    /// <summary>Recorded levels are read back for the SKUs asked for; each record advances the generation; the last level of a key in a batch wins.</summary>
    [Fact]
    public async Task RecordStock_ThenRead_LevelsOfAskedSkusAndGrowingGeneration()
    {
        var (_, book) = await CreateStockBookAsync();
        var first = await book.RecordStockAsync(
            [new StockLevel("A", "wh1", 9m), new StockLevel("A", "wh1", 5m, 1m), new StockLevel("A", "wh2", 3.5m), new StockLevel("B", "wh1", 2m)], T0, Ct);
        var second = await book.RecordStockAsync([new StockLevel("A", "wh1", 7m)], T0, Ct);

        var view = await book.ReadStockAsync(["A", "C"], Ct);

        Assert.True(second > first, $"generation did not grow: {first} then {second}");
        Assert.Equal(second, view.Generation);
        Assert.False(view.Complete);
        Assert.Equal(["A"], view.KnownSkus);
        Assert.Equal(
            new Dictionary<(string, string), (decimal, decimal)> { [("A", "wh1")] = (7m, 0m), [("A", "wh2")] = (3.5m, 0m) },
            Levels(view));
        Assert.Empty(view.Reserved);
    }

    /// <summary>Open reservations are the oversell window: summed per SKU, and opening or closing one advances the generation.</summary>
    [Fact]
    public async Task Reservations_SetAndRemove_ShowInViewAndAdvanceGeneration()
    {
        var (store, book) = await CreateStockBookAsync();
        var start = (await book.ReadStockAsync([], Ct)).Generation;
        await store.SetReservationAsync(new PendingReservation
        {
            Channel = "a",
            OrderId = "1",
            Quantities = [new ReservedQuantity("A", 2m), new ReservedQuantity("B", 1m)],
            CreatedAt = T0,
        }, Ct);
        await store.SetReservationAsync(new PendingReservation
        {
            Channel = "b",
            OrderId = "7",
            Quantities = [new ReservedQuantity("A", 0.5m)],
            CreatedAt = T0,
        }, Ct);
        var opened = await book.ReadStockAsync(["A"], Ct);

        Assert.True(await store.RemoveReservationAsync("a", "1", Ct));
        var closed = await book.ReadStockAsync(["A", "B"], Ct);

        Assert.True(opened.Generation > start, "opening a reservation did not advance the generation");
        Assert.True(closed.Generation > opened.Generation, "closing a reservation did not advance the generation");
        Assert.Equal([("A", 2.5m)], opened.Reserved.Select(r => (r.Sku, r.Quantity)));
        Assert.Equal([("A", 0.5m)], closed.Reserved.Select(r => (r.Sku, r.Quantity)));
        Assert.Null(await book.GetReservationAsync("a", "1", Ct));
        Assert.Equal([("A", 0.5m)], (await book.GetReservationAsync("b", "7", Ct))!.Quantities.Select(q => (q.Sku, q.Quantity)));
    }

    /// <summary>A WMS read fills in only SKUs the book does not know: a recorded level is never overwritten by it.</summary>
    [Fact]
    public async Task AddUnknownStock_KnownSkuKept_UnknownAddedOrKnownEmpty()
    {
        var (_, book) = await CreateStockBookAsync();
        var recorded = await book.RecordStockAsync([new StockLevel("A", "wh1", 5m)], T0, Ct);

        var added = await book.AddUnknownStockAsync(["A", "B", "C"], [new StockLevel("A", "wh1", 1m), new StockLevel("B", "wh2", 4m)], T0, Ct);
        var again = await book.AddUnknownStockAsync(["A", "B"], [new StockLevel("B", "wh2", 99m)], T0, Ct);
        var view = await book.ReadStockAsync(["A", "B", "C"], Ct);

        Assert.True(added > recorded);
        Assert.Equal(added, again);
        Assert.Equal(["A", "B", "C"], view.KnownSkus.Order(StringComparer.Ordinal));
        Assert.Equal(
            new Dictionary<(string, string), (decimal, decimal)> { [("A", "wh1")] = (5m, 0m), [("B", "wh2")] = (4m, 0m) },
            Levels(view));
    }

    /// <summary>A full snapshot replaces the book and makes it complete, but keeps levels recorded while it was read.</summary>
    [Fact]
    public async Task ReplaceStock_KeepsLevelsRecordedAfterCutOff_DropsTheRest()
    {
        var (_, book) = await CreateStockBookAsync();
        await book.RecordStockAsync([new StockLevel("A", "wh1", 5m), new StockLevel("B", "wh1", 5m)], T0, Ct);
        var before = (await book.ReadStockAsync([], Ct)).Generation;
        await book.RecordStockAsync([new StockLevel("C", "wh1", 9m)], T0, Ct); // arrives while the snapshot is read

        var replaced = await book.ReplaceStockAsync([new StockLevel("A", "wh1", 1m), new StockLevel("C", "wh1", 2m)], before, T0, Ct);
        var view = await book.ReadStockAsync(null, Ct);

        Assert.True(view.Complete);
        Assert.Equal(replaced, view.Generation);
        Assert.Equal(
            new Dictionary<(string, string), (decimal, decimal)> { [("A", "wh1")] = (1m, 0m), [("C", "wh1")] = (9m, 0m) },
            Levels(view));
        Assert.DoesNotContain("B", view.KnownSkus);
    }

    /// <summary>The compare-and-set: a quantity computed from an older view never overwrites one from a newer view.</summary>
    [Fact]
    public async Task SetDesiredIfNewer_OlderGeneration_LeavesRowAlone()
    {
        var (store, book) = await CreateStockBookAsync();
        var created = await book.SetDesiredInventoryIfNewerAsync([new DesiredInventory
        {
            Key = Key("i1"),
            Quantity = 5,
            Sku = "S1",
        }], 10, T0, Ct);
        var stale = await book.SetDesiredInventoryIfNewerAsync([new DesiredInventory
        {
            Key = Key("i1"),
            Quantity = 3,
            Sku = "S1",
        }], 9, T0.AddSeconds(1), Ct);
        var staleRow = await store.GetInventoryAsync(Key("i1"), Ct);
        var newer = await book.SetDesiredInventoryIfNewerAsync([new DesiredInventory
        {
            Key = Key("i1"),
            Quantity = 4,
            Sku = "S1",
        }], 12, T0.AddSeconds(2), Ct);

        Assert.Equal((1, 0, 1), (created, stale, newer));
        Assert.Equal((5, 1L, T0), (staleRow!.Desired, staleRow.Version, staleRow.UpdatedAt));
        var row = await store.GetInventoryAsync(Key("i1"), Ct);
        Assert.Equal((4, 2L, T0.AddSeconds(2)), (row!.Desired, row.Version, row.NextAttemptAt));
        Assert.True(row.IsPending);
    }

    /// <summary>A newer view that finds the quantity unchanged still claims the row, so an older view cannot change it afterwards.</summary>
    [Fact]
    public async Task SetDesiredIfNewer_UnchangedAtNewerGeneration_StillFencesOlderWriters()
    {
        var (store, book) = await CreateStockBookAsync();
        await book.SetDesiredInventoryIfNewerAsync([new DesiredInventory { Key = Key("i1"), Quantity = 5 }, new DesiredInventory
        {
            Key = Key("i2"),
            Quantity = 1,
        }], 3, T0, Ct);
        await store.AcknowledgeInventoryAsync([new InventoryAcknowledgement(Key("i1"), 5)], Ct);

        var unchanged = await book.SetDesiredInventoryIfNewerAsync([new DesiredInventory
        {
            Key = Key("i1"),
            Quantity = 5,
        }], 7, T0.AddSeconds(1), Ct);
        var stale = await book.SetDesiredInventoryIfNewerAsync([new DesiredInventory
        {
            Key = Key("i1"),
            Quantity = 2,
        }, new DesiredInventory
        {
            Key = Key("i2"),
            Quantity = 2,
        }], 5, T0.AddSeconds(2), Ct);

        Assert.Equal(0, unchanged);
        Assert.Equal(1, stale); // only i2, still at generation 3, takes the value
        var row = await store.GetInventoryAsync(Key("i1"), Ct);
        Assert.Equal((5, 1L, T0, false), (row!.Desired, row.Version, row.UpdatedAt, row.IsPending));
        Assert.Equal(2, (await store.GetInventoryAsync(Key("i2"), Ct))!.Desired);
    }

    /// <summary>Many writers at once: the generations they get are all different, and the book ends with the levels of the last one.</summary>
    [Fact]
    public async Task RecordStock_ConcurrentWriters_DistinctGenerationsLastWins()
    {
        var (_, book) = await CreateStockBookAsync();

        var generations = await Task.WhenAll(Enumerable.Range(1, 12).Select(i => Task.Run(
            async () => (i, await book.RecordStockAsync([new StockLevel("A", "wh1", i)], T0, Ct)),
            Ct)));
        var view = await book.ReadStockAsync(["A"], Ct);

        Assert.Equal(12, generations.Select(g => g.Item2).Distinct().Count());
        var lastWriter = generations.MaxBy(g => g.Item2).i;
        Assert.Equal(lastWriter, Assert.Single(view.Levels).OnHand);
        Assert.Equal(generations.Max(g => g.Item2), view.Generation);
    }

    /// <summary>A durable store keeps the stock book, and the generation never goes back, across a restart.</summary>
    [Fact]
    public async Task Reopen_DurableStore_KeepsStockBook()
    {
        var (store, book) = await CreateStockBookAsync();
        var generation = await book.RecordStockAsync([new StockLevel("A", "wh1", 6m, 2m)], T0, Ct);
        await book.SetDesiredInventoryIfNewerAsync([new DesiredInventory { Key = Key("i1"), Quantity = 4 }], generation, T0, Ct);

        var reopened = await ReopenAsync(store);
        Assert.SkipWhen(reopened is null, "This store is not durable.");
        var again = (IStockBookStore)reopened!;

        var view = await again.ReadStockAsync(["A"], Ct);
        Assert.Equal(generation, view.Generation);
        Assert.Equal((6m, 2m), Levels(view)[("A", "wh1")]);
        Assert.Equal(0, await again.SetDesiredInventoryIfNewerAsync([new DesiredInventory
        {
            Key = Key("i1"),
            Quantity = 1,
        }], generation - 1, T0, Ct));
        Assert.True(await again.RecordStockAsync([new StockLevel("A", "wh1", 1m)], T0, Ct) > generation);
    }
}
