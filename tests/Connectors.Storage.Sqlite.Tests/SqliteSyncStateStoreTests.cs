using System.Security.Cryptography;
using Connectors.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Connectors.Storage.Sqlite.Tests;

/// <summary>The conformance suite, durability included (every store is reopened from its file), plus SQLite specifics.</summary>
public sealed partial class SqliteSyncStateStoreTests : SyncStateStoreConformanceTests, IDisposable
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);
    private readonly TestDirectory _directory = new();
    private readonly List<SqliteSyncStateStore> _stores = [];

    public void Dispose()
    {
        foreach (var store in _stores)
        {
            store.Dispose();
        }

        _directory.Dispose();
    }

    protected override async ValueTask<ISyncStateStore> CreateStoreAsync() => await OpenAsync(_directory.NewDatabase());

    /// <summary>Closes the store and opens a new instance on the same file, as a restarted process would.</summary>
    protected override async ValueTask<ISyncStateStore?> ReopenAsync(ISyncStateStore store)
    {
        var sqlite = (SqliteSyncStateStore)store;
        await sqlite.DisposeAsync();
        return await OpenAsync(sqlite.DataSource);
    }

    private async Task<SqliteSyncStateStore> OpenAsync(string file, int? inventoryJournalLimit = null)
    {
        var options = TestDirectory.Options(file);
        options.InventoryJournalLimit = inventoryJournalLimit ?? options.InventoryJournalLimit;
        var store = await SqliteSyncStateStore.OpenAsync(options, cancellationToken: Ct);
        _stores.Add(store);
        return store;
    }

    private static InventoryKey Key(string item) => new("a", item, "L1");

    /// <summary>A desired quantity for item <paramref name="item"/> at channel "a", location "L1".</summary>
    private static DesiredInventory Desired(string item, int quantity, string? sku = null) => Desired(Key(item), quantity, sku);

    private static DesiredInventory Desired(InventoryKey key, int quantity, string? sku = null) => new()
    {
        Key = key,
        Quantity = quantity,
        Sku = sku,
    };

    /// <summary>A work item of channel "a" enqueued at <c>T0</c> unless told otherwise.</summary>
    private static WorkItem Work(string id, string kind = "order", string payload = "{}", DateTimeOffset? enqueuedAt = null, string channel = "a") => new()
    {
        Id = id,
        Channel = channel,
        Kind = kind,
        Payload = payload,
        EnqueuedAt = enqueuedAt ?? T0,
    };

    [Fact]
    public async Task RescheduleInventory_MaxValueAndOffsetTimes_RoundTripExactlyInUtcAcrossReopen()
    {
        var file = _directory.NewDatabase();
        var store = await OpenAsync(file);
        var withOffset = new DateTimeOffset(2026, 3, 1, 14, 0, 0, 123, TimeSpan.FromHours(2)).AddTicks(4567);
        await store.SetDesiredInventoryAsync([Desired("parked", 1), Desired("ticks", 1)], withOffset, Ct);
        await store.RescheduleInventoryAsync([Key("parked")], DateTimeOffset.MaxValue, "unknown item", Ct);
        await store.DisposeAsync();

        var reopened = await OpenAsync(file);
        var parked = await reopened.GetInventoryAsync(Key("parked"), Ct);
        var ticks = await reopened.GetInventoryAsync(Key("ticks"), Ct);

        Assert.Equal(DateTimeOffset.MaxValue, parked!.NextAttemptAt);
        Assert.Equal(DateTimeOffset.MaxValue.UtcTicks, parked.NextAttemptAt.UtcTicks);
        Assert.Equal(withOffset.UtcTicks, ticks!.NextAttemptAt.UtcTicks);
        Assert.Equal(TimeSpan.Zero, ticks.NextAttemptAt.Offset);
        var claimed = await reopened.ClaimPendingInventoryAsync("a", 10, T0.AddYears(100), Lease, Ct);
        Assert.Equal([Key("ticks")], claimed.Select(r => r.Key));
    }

    [Fact]
    public async Task SetDesiredInventory_CancelledBatch_RollsBackEveryRow()
    {
        var store = await OpenAsync(_directory.NewDatabase());
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var rows = new CancellingList(Enumerable.Range(0, 2500).Select(i => Desired($"i{i:D4}", 1)).ToArray(), cancelAt: 1500, cancellation);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await store.SetDesiredInventoryAsync(rows, T0, cancellation.Token));

        Assert.Empty(await ToListAsync(store.ListInventoryAsync("a", cancellationToken: Ct)));
        Assert.Equal(1, await store.SetDesiredInventoryAsync([Desired("after", 1)], T0, Ct));
    }

    [Fact]
    public async Task SetDesiredInventory_LargeBatchWithAwkwardStrings_StoresEveryRowExactly()
    {
        var store = await OpenAsync(_directory.NewDatabase());
        string[] awkward = ["quote\"d", "back\\slash", "new\nline", "ünïcødé-€", "emoji-\U0001F4E6", "nul\0byte", "  spaced  ", "[\"json\",1]"];
        var rows = Enumerable.Range(0, 2500)
            .Select(i => Desired(new InventoryKey("a", $"{awkward[i % awkward.Length]}-{i:D4}", awkward[(i + 3) % awkward.Length]), i, i % 2 == 0 ? awkward[i % awkward.Length] : null))
            .Append(Desired(new InventoryKey("a", $"{awkward[0]}-0000", awkward[3]), 77))
            .ToArray();

        Assert.Equal(2501, await store.SetDesiredInventoryAsync(rows, T0, Ct));

        var stored = (await ToListAsync(store.ListInventoryAsync("a", cancellationToken: Ct))).ToDictionary(r => r.Key);
        Assert.Equal(2500, stored.Count);
        foreach (var row in rows.Take(2500).Skip(1))
        {
            Assert.Equal(row.Quantity, stored[row.Key].Desired);
            Assert.Equal(row.Sku, stored[row.Key].Sku);
        }

        var repeated = stored[rows[0].Key];
        Assert.Equal(77, repeated.Desired);
        Assert.Equal(2, repeated.Version);
        Assert.Equal(awkward[0], repeated.Sku);
    }

    [Fact]
    public async Task ClaimPendingInventory_TwoInstancesOnOneFile_LeaseHoldsAcrossThem()
    {
        var file = _directory.NewDatabase();
        var first = await OpenAsync(file);
        var second = await OpenAsync(file);
        await first.SetDesiredInventoryAsync([Desired("i1", 5)], T0, Ct);

        Assert.Single(await first.ClaimPendingInventoryAsync("a", 10, T0, Lease, Ct));

        Assert.Empty(await second.ClaimPendingInventoryAsync("a", 10, T0.AddSeconds(59), Lease, Ct));
        Assert.Single(await second.ClaimPendingInventoryAsync("a", 10, T0 + Lease, Lease, Ct));
    }

    [Fact]
    public async Task Claim_TwoInstancesOnOneFile_NeverShareAnItem()
    {
        var file = _directory.NewDatabase();
        var first = await OpenAsync(file);
        var second = await OpenAsync(file);
        for (var i = 0; i < 100; i++)
        {
            await first.EnqueueAsync(WorkQueue.Inbox, Work($"o{i:D3}", enqueuedAt: T0.AddMilliseconds(i)), Ct);
        }

        var claims = await Task.WhenAll(new[] { first, second }.Select(store => Task.Run(
            async () =>
            {
                var mine = new List<string>();
                IReadOnlyList<WorkItem> batch;
                while ((batch = await store.ClaimAsync(WorkQueue.Inbox, 3, T0.AddSeconds(1), Lease, cancellationToken: Ct)).Count > 0)
                {
                    mine.AddRange(batch.Select(b => b.Id));
                }

                return mine;
            },
            Ct)));

        var all = claims.SelectMany(c => c).ToList();
        Assert.Equal(100, all.Count);
        Assert.Equal(100, all.Distinct().Count());
    }

    [Fact]
    public async Task Open_FreshFile_IsInWalModeAtCurrentSchemaVersion()
    {
        var file = _directory.NewDatabase();
        await OpenAsync(file);

        using var connection = new SqliteConnection($"Data Source={file};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", command.ExecuteScalar());
        command.CommandText = "SELECT max(version) FROM schema_version";
        Assert.Equal((long)SqliteSyncStateStore.SchemaVersion, command.ExecuteScalar());
    }

    [Fact]
    public async Task Open_DatabaseFromNewerVersion_ThrowsTypedErrorAndLeavesFileUntouched()
    {
        var file = _directory.NewDatabase();
        var store = await OpenAsync(file);
        await store.EnqueueAsync(WorkQueue.Inbox, Work("kept"), Ct);
        await store.DisposeAsync();
        var newer = SqliteSyncStateStore.SchemaVersion + 1;
        using (var connection = new SqliteConnection($"Data Source={file};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"INSERT INTO schema_version (version, applied_at) VALUES ({newer}, 0); PRAGMA journal_mode = DELETE;";
            command.ExecuteNonQuery();
        }

        var before = await File.ReadAllBytesAsync(file, Ct);

        var error = await Assert.ThrowsAsync<SqliteSchemaVersionException>(async () => await OpenAsync(file));

        Assert.Equal(newer, error.DatabaseVersion);
        Assert.Equal(SqliteSyncStateStore.SchemaVersion, error.SupportedVersion);
        Assert.Contains(file, error.Message, StringComparison.Ordinal);
        Assert.False(error.IsTransient);
        SqliteConnection.ClearAllPools();
        Assert.Equal(SHA256.HashData(before), SHA256.HashData(await File.ReadAllBytesAsync(file, Ct)));
        Assert.False(File.Exists(file + "-wal"));
    }

    [Fact]
    public async Task Open_FileThatIsNotADatabase_ThrowsConnectorExceptionNamingFile()
    {
        var file = _directory.NewDatabase();
        var garbage = new byte[4096];
        Random.Shared.NextBytes(garbage);
        await File.WriteAllBytesAsync(file, garbage, Ct);

        var error = await Assert.ThrowsAsync<ConnectorException>(async () => await OpenAsync(file));

        Assert.Contains(file, error.Message, StringComparison.Ordinal);
        Assert.Equal(garbage, await File.ReadAllBytesAsync(file, Ct));
    }

    [Fact]
    public void Constructor_MissingConnectionString_ThrowsNamingSetting()
    {
        var error = Assert.Throws<OptionsValidationException>(() => new SqliteSyncStateStore(new SqliteStoreOptions()));

        Assert.Contains("Connectors:Sqlite:ConnectionString", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dispose_ThenCall_ThrowsObjectDisposed()
    {
        var store = await OpenAsync(_directory.NewDatabase());
        await store.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await store.EnqueueAsync(WorkQueue.Inbox, Work("x"), Ct));
    }

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> source)
    {
        var list = new List<T>();
        await foreach (var item in source.WithCancellation(Ct))
        {
            list.Add(item);
        }

        return list;
    }

    /// <summary>A batch that cancels its token when the store reads entry <c>cancelAt</c>, i.e. mid-transaction.</summary>
    private sealed class CancellingList(DesiredInventory[] rows, int cancelAt, CancellationTokenSource cancellation) : IReadOnlyList<DesiredInventory>
    {
        private int _reads;

        public int Count => rows.Length;

        public DesiredInventory this[int index]
        {
            get
            {
                // The store reads each row twice (validation, then write); cancel during the write pass.
                if (++_reads == rows.Length + cancelAt)
                {
                    cancellation.Cancel();
                }

                return rows[index];
            }
        }

        public IEnumerator<DesiredInventory> GetEnumerator() => ((IEnumerable<DesiredInventory>)rows).GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => rows.GetEnumerator();
    }
}
