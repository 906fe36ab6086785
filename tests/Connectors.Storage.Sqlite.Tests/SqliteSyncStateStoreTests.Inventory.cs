using Connectors.Storage.Sqlite.Internal;
using Microsoft.Data.Sqlite;

namespace Connectors.Storage.Sqlite.Tests;

/// <summary>The inventory write path: the key-to-id cache, the pending flag and the migration of schema version 1.</summary>
public sealed partial class SqliteSyncStateStoreTests
{
    [Fact]
    public async Task SetDesiredInventory_CancelledBatchThenOtherKey_DoesNotReuseIdsOfRolledBackRows()
    {
        var store = await OpenAsync(_directory.NewDatabase());
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var rows = new CancellingList(Enumerable.Range(0, 600).Select(i => Desired($"i{i:D4}", 1)).ToArray(), cancelAt: 500, cancellation);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await store.SetDesiredInventoryAsync(rows, T0, cancellation.Token));

        // The rolled-back rows' ids are free again: this row may get the id i0000 had inside the cancelled batch.
        Assert.Equal(1, await store.SetDesiredInventoryAsync([Desired("other", 5)], T0, Ct));
        Assert.Equal(1, await store.SetDesiredInventoryAsync([Desired("i0000", 9)], T0, Ct));

        Assert.Equal(5, (await store.GetInventoryAsync(Key("other"), Ct))!.Desired);
        Assert.Equal(1, (await store.GetInventoryAsync(Key("other"), Ct))!.Version);
        Assert.Equal(9, (await store.GetInventoryAsync(Key("i0000"), Ct))!.Desired);
        Assert.Equal(2, (await ToListAsync(store.ListInventoryAsync("a", cancellationToken: Ct))).Count);
    }

    [Fact]
    public async Task SetDesiredInventory_TwoInstancesOnOneFile_EachUpdatesRowsTheOtherInserted()
    {
        var file = _directory.NewDatabase();
        var first = await OpenAsync(file);
        var second = await OpenAsync(file);

        Assert.Equal(1, await first.SetDesiredInventoryAsync([Desired("i1", 1)], T0, Ct));
        Assert.Equal(1, await second.SetDesiredInventoryAsync([Desired("i1", 2)], T0, Ct));
        Assert.Equal(0, await first.SetDesiredInventoryAsync([Desired("i1", 2)], T0, Ct));
        Assert.Equal(1, await first.SetDesiredInventoryAsync([Desired("i1", 3)], T0, Ct));
        Assert.Equal(0, await second.SetDesiredInventoryAsync([Desired("i1", 3)], T0, Ct));

        var row = await second.GetInventoryAsync(Key("i1"), Ct);
        Assert.Equal(3, row!.Desired);
        Assert.Equal(3, row.Version);
        Assert.Single(await ToListAsync(first.ListInventoryAsync("a", cancellationToken: Ct)));
    }

    [Fact]
    public async Task SetDesiredInventory_RepeatedKeyInBatchOfKnownRow_EndsAtLastValueCountingEachChange()
    {
        var store = await OpenAsync(_directory.NewDatabase());
        await store.SetDesiredInventoryAsync([Desired("i1", 1, "S1")], T0, Ct);

        var changed = await store.SetDesiredInventoryAsync(
            [Desired("i1", 2), Desired("i1", 2), Desired("i1", 4, "S2")], T0.AddSeconds(1), Ct);

        var row = await store.GetInventoryAsync(Key("i1"), Ct);
        Assert.Equal(2, changed);
        Assert.Equal(4, row!.Desired);
        Assert.Equal(3, row.Version);
        Assert.Equal("S2", row.Sku);
        Assert.Equal(T0.AddSeconds(1), row.NextAttemptAt);
    }

    [Fact]
    public async Task PendingFlag_ThroughSetAcknowledgeRescheduleAndSetBack_AlwaysMatchesAcknowledgedVersusDesired()
    {
        var file = _directory.NewDatabase();
        var store = await OpenAsync(file);
        await store.SetDesiredInventoryAsync([new() { Key = Key("a1"), Quantity = 5 }, new() { Key = Key("a2"), Quantity = 5 }, new()
        {
            Key = Key("a3"),
            Quantity = 5,
        }], T0, Ct);
        AssertPendingFlagConsistent(file);
        await store.AcknowledgeInventoryAsync([new(Key("a1"), 5), new(Key("a2"), 4)], Ct);
        AssertPendingFlagConsistent(file);

        // a1: acknowledged 5, desired moves away and back again; a2 reaches its acknowledged quantity; a3 fails.
        await store.SetDesiredInventoryAsync([new() { Key = Key("a1"), Quantity = 6 }], T0.AddSeconds(1), Ct);
        AssertPendingFlagConsistent(file);
        await store.SetDesiredInventoryAsync([new() { Key = Key("a1"), Quantity = 5 }, new() { Key = Key("a2"), Quantity = 4 }], T0.AddSeconds(2), Ct);
        await store.RescheduleInventoryAsync([Key("a3")], T0.AddSeconds(3), "boom", Ct);
        AssertPendingFlagConsistent(file);

        Assert.Empty(await store.ClaimPendingInventoryAsync("a", 10, T0.AddSeconds(2), Lease, Ct));
        Assert.Equal([Key("a3")], (await store.ClaimPendingInventoryAsync("a", 10, T0.AddSeconds(3), Lease, Ct)).Select(r => r.Key));
        Assert.Equal([Key("a3")], (await ToListAsync(store.ListInventoryAsync("a", pendingOnly: true, Ct))).Select(r => r.Key));
    }

    [Fact]
    public async Task Open_DatabaseAtSchemaVersion1_MigratesInventoryKeepingEveryValue()
    {
        var file = _directory.NewDatabase();
        using (var connection = new SqliteConnection($"Data Source={file};Pooling=False"))
        {
            await connection.OpenAsync(Ct);
            await SqliteMigrator.MigrateAsync(connection, [SqliteSchema.Migrations[0]], file, T0, Ct);
            using var insert = connection.CreateCommand();
            insert.CommandText = $"""
                INSERT INTO inventory (channel, item_id, location_id, desired, acknowledged, version, sku, attempts, next_attempt_at, updated_at, lease_until, last_error) VALUES
                    ('a', 'pending', 'L1', 5, NULL, 1, 'S1', 0, {T0.UtcTicks}, {T0.UtcTicks}, 0, NULL),
                    ('a', 'done', 'L1', 3, 3, 4, NULL, 0, {T0.UtcTicks}, {T0.UtcTicks}, 0, NULL),
                    ('a', 'parked', 'L2', 7, 2, 2, 'S3', 3, {DateTimeOffset.MaxValue.UtcTicks}, {T0.UtcTicks}, 0, 'unknown item');
                INSERT INTO work_items (queue, id, channel, kind, payload, enqueued_at, attempts, next_attempt_at, status, last_error, lease_until, completed_at)
                    VALUES (0, 'o1', 'a', 'order', '{"{}"}', {T0.UtcTicks}, 0, {T0.UtcTicks}, 0, NULL, 0, NULL);
                """;
            await insert.ExecuteNonQueryAsync(Ct);
        }

        SqliteConnection.ClearAllPools();
        var store = await OpenAsync(file);

        var parked = await store.GetInventoryAsync(new InventoryKey("a", "parked", "L2"), Ct);
        Assert.Equal(
            new InventoryRow
            {
                Key = new InventoryKey("a", "parked", "L2"),
                Desired = 7,
                Acknowledged = 2,
                Version = 2,
                Sku = "S3",
                Attempts = 3,
                NextAttemptAt = DateTimeOffset.MaxValue,
                UpdatedAt = T0,
                LastError = "unknown item",
            },
            parked);
        Assert.Equal(4, (await store.GetInventoryAsync(Key("done"), Ct))!.Version);
        Assert.Equal(["parked", "pending"], (await ToListAsync(store.ListInventoryAsync("a", pendingOnly: true, Ct))).Select(r => r.Key.ChannelItemId));
        Assert.Equal([Key("pending")], (await store.ClaimPendingInventoryAsync("a", 10, T0, Lease, Ct)).Select(r => r.Key));
        Assert.NotNull(await store.GetWorkItemAsync(WorkQueue.Inbox, "o1", Ct));
        AssertPendingFlagConsistent(file);

        Assert.Equal(2, await store.SetDesiredInventoryAsync([new() { Key = Key("done"), Quantity = 4 }, new()
        {
            Key = Key("new"),
            Quantity = 1,
        }], T0, Ct));
        Assert.Equal(5, (await store.GetInventoryAsync(Key("done"), Ct))!.Version);
        using var check = new SqliteConnection($"Data Source={file};Pooling=False");
        check.Open();
        using var command = check.CreateCommand();
        command.CommandText = "SELECT max(version) FROM schema_version";
        Assert.Equal((long)SqliteSchema.CurrentVersion, command.ExecuteScalar());
        command.CommandText = "SELECT group_concat(name, ',') FROM (SELECT name FROM sqlite_master WHERE tbl_name = 'inventory' AND type = 'index' ORDER BY name)";
        Assert.Equal("ix_inventory_pending,ux_inventory_key", command.ExecuteScalar());
    }

    private static void AssertPendingFlagConsistent(string file)
    {
        using var connection = new SqliteConnection($"Data Source={file};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM inventory WHERE pending IS NOT (acknowledged IS NOT desired)";
        Assert.Equal(0L, command.ExecuteScalar());
    }
}
