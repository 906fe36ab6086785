using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Connectors.State;
using Connectors.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Connectors.Benchmarks.Storage;

/// <summary>
/// The SQLite state store against the in-memory store (the baseline of each category), same run, same work:
/// <list type="bullet">
/// <item><c>StockEvents</c>: batched stock events as the inventory engine issues them (one
/// <see cref="ISyncStateStore.SetDesiredInventoryAsync"/> call per burst), 500 changed rows per invocation out of 5,000
/// rows in all; reported per event. For SQLite the call is one durably committed transaction (WAL,
/// <c>synchronous = NORMAL</c>) that appends the burst to the inventory journal; the journal is folded into the
/// inventory table inside the write that finds it at its limit (default 65,536 changes), so the measurement includes
/// the folds, amortised.</item>
/// <item><c>PushCycle</c>: the same burst, then the push that follows it at once: claim the 500 pending rows and
/// acknowledge them, as the inventory engine's push does (the shop call left out). For SQLite every claim folds the
/// burst just journalled, so nothing is coalesced: the worst case for the journal.</item>
/// <item><c>InboxWrites</c>: one <see cref="ISyncStateStore.EnqueueAsync"/> of a new item per operation, one caller at a
/// time (one SQLite transaction each).</item>
/// <item><c>InboxWritesConcurrent</c>: 32 <see cref="ISyncStateStore.EnqueueAsync"/> calls at once, as a burst of webhooks
/// arrives; reported per item. SQLite writes them in shared transactions (group commit).</item>
/// </list>
/// Run: <c>dotnet run -c Release --project tests/Connectors.Benchmarks -- --filter '*SqliteStateStore*' --job short</c>
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[CategoriesColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
public class SqliteStateStoreBenchmarks
{
    private const int BatchSize = 500;
    private const int Chunks = 10;
    private const int ConcurrentCalls = 32;
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly DesiredInventory[][] _chunks = new DesiredInventory[Chunks][];
    private InMemorySyncStateStore _memory = null!;
    private SqliteSyncStateStore _sqlite = null!;
    private string _directory = null!;
    private int _memoryRound;
    private int _sqliteRound;
    private long _memoryItems;
    private long _sqliteItems;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _directory = Path.Combine(Path.GetTempPath(), "connectors-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_directory);
        _sqlite = await SqliteSyncStateStore.OpenAsync(new SqliteStoreOptions { ConnectionString = $"Data Source={Path.Combine(_directory, "bench.db")}" });
        _memory = new InMemorySyncStateStore();
        for (var c = 0; c < Chunks; c++)
        {
            _chunks[c] = [.. Enumerable.Range(0, BatchSize).Select(i => new DesiredInventory
            {
                Key = new InventoryKey("store-a", $"item-{c:D2}-{i:D4}", "L1"),
                Quantity = 0,
                Sku = $"SKU-{c}-{i}",
            })];
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _sqlite.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [BenchmarkCategory("StockEvents"), Benchmark(Baseline = true, OperationsPerInvoke = BatchSize)]
    public async Task<int> InMemory_SetDesiredBatch500() => await _memory.SetDesiredInventoryAsync(NextChunk(ref _memoryRound), T0);

    [BenchmarkCategory("StockEvents"), Benchmark(OperationsPerInvoke = BatchSize)]
    public async Task<int> Sqlite_SetDesiredBatch500() => await _sqlite.SetDesiredInventoryAsync(NextChunk(ref _sqliteRound), T0);

    [BenchmarkCategory("PushCycle"), Benchmark(Baseline = true, OperationsPerInvoke = BatchSize)]
    public async Task<int> InMemory_SetClaimAcknowledge500() => await PushCycleAsync(_memory, ref _memoryRound);

    [BenchmarkCategory("PushCycle"), Benchmark(OperationsPerInvoke = BatchSize)]
    public async Task<int> Sqlite_SetClaimAcknowledge500() => await PushCycleAsync(_sqlite, ref _sqliteRound);

    [BenchmarkCategory("InboxWrites"), Benchmark(Baseline = true)]
    public async Task<bool> InMemory_Enqueue() =>
        await _memory.EnqueueAsync(WorkQueue.Inbox, new WorkItem
        {
            Id = $"store-a/order/{++_memoryItems}",
            Channel = "store-a",
            Kind = "order",
            Payload = "{\"id\":1}",
            EnqueuedAt = T0,
        });

    [BenchmarkCategory("InboxWrites"), Benchmark]
    public async Task<bool> Sqlite_Enqueue() =>
        await _sqlite.EnqueueAsync(WorkQueue.Inbox, new WorkItem
        {
            Id = $"store-a/order/{++_sqliteItems}",
            Channel = "store-a",
            Kind = "order",
            Payload = "{\"id\":1}",
            EnqueuedAt = T0,
        });

    private Task<int> PushCycleAsync(ISyncStateStore store, ref int round) => PushCycleAsync(store, NextChunk(ref round));

    private static async Task<int> PushCycleAsync(ISyncStateStore store, DesiredInventory[] chunk)
    {
        await store.SetDesiredInventoryAsync(chunk, T0);
        var claimed = await store.ClaimPendingInventoryAsync("store-a", BatchSize, T0, TimeSpan.FromMinutes(1));
        var acknowledgements = new InventoryAcknowledgement[claimed.Count];
        for (var i = 0; i < claimed.Count; i++)
        {
            acknowledgements[i] = new InventoryAcknowledgement(claimed[i].Key, claimed[i].Desired);
        }

        await store.AcknowledgeInventoryAsync(acknowledgements);
        return claimed.Count;
    }

    [BenchmarkCategory("InboxWritesConcurrent"), Benchmark(Baseline = true, OperationsPerInvoke = ConcurrentCalls)]
    public async Task<int> InMemory_Enqueue32Concurrent() => await EnqueueConcurrentlyAsync(_memory, ConcurrentCalls * ++_memoryRound);

    [BenchmarkCategory("InboxWritesConcurrent"), Benchmark(OperationsPerInvoke = ConcurrentCalls)]
    public async Task<int> Sqlite_Enqueue32Concurrent() => await EnqueueConcurrentlyAsync(_sqlite, ConcurrentCalls * ++_sqliteRound);

    private static async Task<int> EnqueueConcurrentlyAsync(ISyncStateStore store, long firstId)
    {
        var calls = new Task<bool>[ConcurrentCalls];
        for (var i = 0; i < calls.Length; i++)
        {
            var id = firstId + i;
            calls[i] = Task.Run(async () => await store.EnqueueAsync(WorkQueue.Inbox, new WorkItem
            {
                Id = $"store-a/order/{id}",
                Channel = "store-a",
                Kind = "order",
                Payload = "{\"id\":1}",
                EnqueuedAt = T0,
            }));
        }

        var added = 0;
        foreach (var call in calls)
        {
            added += await call ? 1 : 0;
        }

        return added;
    }

    /// <summary>The next chunk of 500 rows, each with a quantity it did not have before, so every row changes.</summary>
    private DesiredInventory[] NextChunk(ref int round)
    {
        var chunk = _chunks[round % Chunks];
        var quantity = (round / Chunks) + 1;
        round++;
        for (var i = 0; i < chunk.Length; i++)
        {
            chunk[i] = chunk[i] with { Quantity = quantity };
        }

        return chunk;
    }
}
