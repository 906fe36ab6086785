using BenchmarkDotNet.Attributes;
using Connectors;
using Connectors.Storage.PostgreSql;

namespace Connectors.Benchmarks.PostgreSql;

/// <summary>
/// Claim throughput of the PostgreSQL store: 2,000 outbox items claimed in batches of 20 and completed, by one
/// host (the baseline) and by three hosts (three store instances, as three processes would have) sharing the
/// work with FOR UPDATE SKIP LOCKED. Needs the server `.ci/services` starts, or CONNECTORS_POSTGRES.
/// Items/s = 2,000 / mean time.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 8, invocationCount: 1)]
public class PostgreSqlClaimBenchmarks
{
    private const int Items = 2000;
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly string _connectionString =
        Environment.GetEnvironmentVariable("CONNECTORS_POSTGRES")
        ?? "Host=127.0.0.1;Port=5432;Database=connectors_test;Username=postgres;Password=postgres;Maximum Pool Size=50";

    private PostgreSqlSyncStateStore[] _hosts = [];
    private int _round;

    [GlobalSetup]
    public void Setup()
    {
        var schema = "bench" + Guid.NewGuid().ToString("N")[..12];
        _hosts = [.. Enumerable.Range(0, 3).Select(_ => new PostgreSqlSyncStateStore(new PostgreSqlStoreOptions { ConnectionString = _connectionString, Schema = schema }))];
        _hosts[0].MigrateAsync().GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (var host in _hosts)
        {
            host.Dispose();
        }
    }

    [IterationSetup]
    public void Fill()
    {
        _round++;
        var store = _hosts[0];
        Parallel.For(0, Items, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
            store.EnqueueAsync(WorkQueue.Outbox, new WorkItem
            {
                Id = $"r{_round}-{i}",
                Channel = "a",
                Kind = "shipment",
                Payload = "{}",
                EnqueuedAt = Now.AddTicks(i),
            }).AsTask().GetAwaiter().GetResult());
    }

    [Benchmark(Baseline = true, Description = "1 host")]
    public Task<int> OneHost() => DrainAsync(1);

    [Benchmark(Description = "3 hosts")]
    public Task<int> ThreeHosts() => DrainAsync(3);

    private async Task<int> DrainAsync(int hosts)
    {
        var counts = await Task.WhenAll(_hosts.Take(hosts).Select(async store =>
        {
            var done = 0;
            while ((await store.ClaimAsync(WorkQueue.Outbox, 20, Now.AddDays(1), TimeSpan.FromMinutes(1))) is { Count: > 0 } batch)
            {
                foreach (var item in batch)
                {
                    await store.CompleteAsync(WorkQueue.Outbox, item.Id, Now.AddDays(1));
                }

                done += batch.Count;
            }

            return done;
        }));
        return counts.Sum();
    }
}
