using Microsoft.Data.Sqlite;

namespace Connectors.Storage.Sqlite.Tests;

/// <summary>
/// The inventory journal: a burst is one journal row, folded into the inventory table before inventory is claimed,
/// acknowledged, rescheduled or read, and when the journal reaches its limit.
/// </summary>
public sealed partial class SqliteSyncStateStoreTests
{
    [Fact]
    public async Task SetDesiredInventory_ChangesOfKnownRows_AreOneJournalRowPerBatchUntilARead()
    {
        var file = _directory.NewDatabase();
        var store = await OpenAsync(file);
        await store.SetDesiredInventoryAsync([.. Enumerable.Range(0, 50).Select(i => Desired($"i{i:D2}", 1, "S"))], T0, Ct);

        for (var batch = 2; batch <= 4; batch++)
        {
            Assert.Equal(50, await store.SetDesiredInventoryAsync(
                [.. Enumerable.Range(0, 50).Select(i => Desired($"i{i:D2}", batch))], T0.AddSeconds(batch), Ct));
        }

        // New rows were inserted at once; the three bursts of changes wait as three journal rows of 50 changes.
        Assert.Equal(3L, Scalar(file, "SELECT count(*) FROM inventory_journal"));
        Assert.Equal(150L, Scalar(file, "SELECT sum(changes) FROM inventory_journal"));
        Assert.Equal(50L, Scalar(file, "SELECT count(*) FROM inventory WHERE desired = 1 AND version = 1"));

        var row = await store.GetInventoryAsync(Key("i07"), Ct);

        Assert.Equal(new InventoryRow
        {
            Key = Key("i07"),
            Desired = 4,
            Acknowledged = null,
            Version = 4,
            Sku = "S",
            Attempts = 0,
            NextAttemptAt = T0.AddSeconds(4),
            UpdatedAt = T0.AddSeconds(4),
            LastError = null,
        }, row);
        Assert.Equal(0L, Scalar(file, "SELECT count(*) FROM inventory_journal"));
        Assert.Equal(50L, Scalar(file, "SELECT count(*) FROM inventory WHERE desired = 4 AND version = 4 AND pending = 1"));
    }

    [Fact]
    public async Task SetDesiredInventory_JournalAtItsLimit_NextWriteFoldsItFirst()
    {
        var file = _directory.NewDatabase();
        var store = await OpenAsync(file, inventoryJournalLimit: 100);
        await store.SetDesiredInventoryAsync([.. Enumerable.Range(0, 60).Select(i => Desired($"i{i:D2}", 1))], T0, Ct);
        await store.SetDesiredInventoryAsync([.. Enumerable.Range(0, 60).Select(i => Desired($"i{i:D2}", 2))], T0, Ct);
        await store.SetDesiredInventoryAsync([.. Enumerable.Range(0, 60).Select(i => Desired($"i{i:D2}", 3))], T0, Ct);
        Assert.Equal(120L, Scalar(file, "SELECT sum(changes) FROM inventory_journal"));

        // 120 waiting changes reached the limit of 100: this write folds them, then journals its own.
        Assert.Equal(60, await store.SetDesiredInventoryAsync([.. Enumerable.Range(0, 60).Select(i => Desired($"i{i:D2}", 4))], T0, Ct));

        Assert.Equal(60L, Scalar(file, "SELECT sum(changes) FROM inventory_journal"));
        Assert.Equal(60L, Scalar(file, "SELECT count(*) FROM inventory WHERE desired = 3 AND version = 3"));
    }

    [Fact]
    public async Task ClaimPendingInventory_ChangesJournalledByAnotherInstance_AreFoldedAndClaimed()
    {
        var file = _directory.NewDatabase();
        var writer = await OpenAsync(file);
        var claimer = await OpenAsync(file);
        await writer.SetDesiredInventoryAsync([Desired("i1", 1), Desired("i2", 1)], T0, Ct);
        await claimer.AcknowledgeInventoryAsync([new InventoryAcknowledgement(Key("i1"), 1), new InventoryAcknowledgement(Key("i2"), 1)], Ct);

        Assert.Equal(1, await writer.SetDesiredInventoryAsync([Desired("i1", 1), Desired("i2", 7)], T0.AddSeconds(1), Ct));
        Assert.Equal(1L, Scalar(file, "SELECT count(*) FROM inventory_journal"));

        var claimed = Assert.Single(await claimer.ClaimPendingInventoryAsync("a", 10, T0.AddSeconds(1), Lease, Ct));
        Assert.Equal((Key("i2"), 7, 2L), (claimed.Key, claimed.Desired, claimed.Version));

        // The writer learns that the file changed under it and reads the rows again instead of trusting what it knew.
        Assert.Equal(0, await writer.SetDesiredInventoryAsync([Desired("i2", 7)], T0.AddSeconds(2), Ct));
        Assert.Equal(1, await writer.SetDesiredInventoryAsync([Desired("i2", 8)], T0.AddSeconds(2), Ct));
        await claimer.AcknowledgeInventoryAsync([new InventoryAcknowledgement(Key("i2"), 7)], Ct);
        var row = await writer.GetInventoryAsync(Key("i2"), Ct);
        Assert.Equal((8, 7, 3L, true), (row!.Desired, row.Acknowledged, row.Version, row.IsPending));
    }

    [Fact]
    public async Task Open_AfterRestartWithJournalledChanges_FoldsThemBeforeCountingChanges()
    {
        var file = _directory.NewDatabase();
        var first = await OpenAsync(file);
        await first.SetDesiredInventoryAsync([Desired("i1", 1)], T0, Ct);
        await first.SetDesiredInventoryAsync([Desired("i1", 2)], T0, Ct);
        first.Dispose();
        Assert.Equal(1L, Scalar(file, "SELECT count(*) FROM inventory_journal"));

        var second = await OpenAsync(file);

        // Had the restarted writer trusted the table (desired 1), it would count 2 as a change.
        Assert.Equal(0, await second.SetDesiredInventoryAsync([Desired("i1", 2)], T0, Ct));
        Assert.Equal(0L, Scalar(file, "SELECT count(*) FROM inventory_journal"));
        Assert.Equal(2L, Scalar(file, "SELECT version FROM inventory"));
    }

    [Fact]
    public async Task GetInventory_DamagedJournalRow_ThrowsConnectorExceptionNamingTheBatch()
    {
        var file = _directory.NewDatabase();
        var store = await OpenAsync(file);
        await store.SetDesiredInventoryAsync([Desired("i1", 1)], T0, Ct);
        Scalar(file, "INSERT INTO inventory_journal (seq, recorded_at, changes, rows) VALUES (41, 0, 1, x'01FF')");

        var error = await Assert.ThrowsAsync<ConnectorException>(async () => await store.GetInventoryAsync(Key("i1"), Ct));

        Assert.Contains("inventory journal", error.Message, StringComparison.Ordinal);
        Assert.Contains("batch 41", error.Message, StringComparison.Ordinal);
        Assert.False(error.IsTransient);
        Assert.Equal(1L, Scalar(file, "SELECT count(*) FROM inventory_journal"));
    }

    [Fact]
    public async Task SetDesiredInventory_ChangedBackAndForthBeforeAFold_CountsEveryChangeLikeARowByRowWrite()
    {
        var store = await OpenAsync(_directory.NewDatabase());
        await store.SetDesiredInventoryAsync([Desired("i1", 5, "S1")], T0, Ct);
        await store.AcknowledgeInventoryAsync([new InventoryAcknowledgement(Key("i1"), 5)], Ct);

        Assert.Equal(1, await store.SetDesiredInventoryAsync([Desired("i1", 6, "S2")], T0.AddSeconds(1), Ct));
        Assert.Equal(0, await store.SetDesiredInventoryAsync([Desired("i1", 6, "S3")], T0.AddSeconds(2), Ct));
        Assert.Equal(1, await store.SetDesiredInventoryAsync([Desired("i1", 5)], T0.AddSeconds(3), Ct));

        // Back at the acknowledged quantity: nothing to push, but two changes made two versions; the SKU of the
        // unchanged write was not taken (an unchanged row is left as it is).
        var row = await store.GetInventoryAsync(Key("i1"), Ct);
        Assert.Equal(new InventoryRow
        {
            Key = Key("i1"),
            Desired = 5,
            Acknowledged = 5,
            Version = 3,
            Sku = "S2",
            Attempts = 0,
            NextAttemptAt = T0.AddSeconds(3),
            UpdatedAt = T0.AddSeconds(3),
            LastError = null,
        }, row);
        Assert.False(row!.IsPending);
        Assert.Empty(await store.ClaimPendingInventoryAsync("a", 10, T0.AddMinutes(1), Lease, Ct));
    }

    [Fact]
    public async Task SetDesiredInventory_CancelledAfterItsFold_LeavesJournalAndCountsIntact()
    {
        var file = _directory.NewDatabase();
        var store = await OpenAsync(file, inventoryJournalLimit: 1);
        await store.SetDesiredInventoryAsync([.. Enumerable.Range(0, 300).Select(i => Desired($"i{i:D3}", 1))], T0, Ct);
        await store.SetDesiredInventoryAsync([.. Enumerable.Range(0, 300).Select(i => Desired($"i{i:D3}", 2))], T0, Ct);
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(Ct);

        // The journal is at its limit, so this write folds it first, then is cancelled: the fold is rolled back too.
        var rows = new CancellingList([.. Enumerable.Range(0, 300).Select(i => Desired($"i{i:D3}", 3))], cancelAt: 200, cancellation);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await store.SetDesiredInventoryAsync(rows, T0, cancellation.Token));
        Assert.Equal(300L, Scalar(file, "SELECT sum(changes) FROM inventory_journal"));

        Assert.Equal(0, await store.SetDesiredInventoryAsync([Desired("i000", 2)], T0, Ct));
        Assert.Equal(1, await store.SetDesiredInventoryAsync([Desired("i001", 3)], T0, Ct));
        Assert.Equal((2, 2L), ((await store.GetInventoryAsync(Key("i000"), Ct))!.Desired, (await store.GetInventoryAsync(Key("i000"), Ct))!.Version));
        Assert.Equal((3, 3L), ((await store.GetInventoryAsync(Key("i001"), Ct))!.Desired, (await store.GetInventoryAsync(Key("i001"), Ct))!.Version));
    }

    [Fact]
    public async Task RescheduleInventory_CancelledAfterItsFoldOnAFreshStore_LeavesNoStaleQuantityBehind()
    {
        var file = _directory.NewDatabase();
        var first = await OpenAsync(file);
        await first.SetDesiredInventoryAsync([Desired("i1", 1)], T0, Ct);
        await first.SetDesiredInventoryAsync([Desired("i1", 2)], T0, Ct);
        first.Dispose();

        // A restarted store folds the journal in its first write; this one is cancelled after the fold, which must be
        // undone with it: the table still says 1, the journal 2.
        var second = await OpenAsync(file);
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
            await second.RescheduleInventoryAsync(new CancelOnEnumerate([Key("i1")], cancellation), T0.AddMinutes(1), "later", cancellation.Token));

        Assert.Equal(1, await second.SetDesiredInventoryAsync([Desired("i1", 1)], T0, Ct));
        Assert.Equal((1, 3L), ((await second.GetInventoryAsync(Key("i1"), Ct))!.Desired, (await second.GetInventoryAsync(Key("i1"), Ct))!.Version));
    }

    private static object? Scalar(string file, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={file};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    /// <summary>A list that cancels a token when it is enumerated (the store indexes it to validate, then enumerates it to write).</summary>
    private sealed class CancelOnEnumerate(InventoryKey[] keys, CancellationTokenSource cancellation) : IReadOnlyList<InventoryKey>
    {
        public int Count => keys.Length;

        public InventoryKey this[int index] => keys[index];

        public IEnumerator<InventoryKey> GetEnumerator()
        {
            cancellation.Cancel();
            return ((IEnumerable<InventoryKey>)keys).GetEnumerator();
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
