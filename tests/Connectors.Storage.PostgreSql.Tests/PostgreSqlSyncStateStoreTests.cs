using Connectors.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Connectors.Storage.PostgreSql.Tests;

public partial class PostgreSqlSyncStateStoreTests : SyncStateStoreConformanceTests
{
    private readonly Dictionary<ISyncStateStore, string> _schemas = [];

    protected override ValueTask<ISyncStateStore> CreateStoreAsync()
    {
        PostgreSqlTestServer.RequireServer();
        var schema = PostgreSqlTestServer.NewSchema();
        var store = PostgreSqlTestServer.CreateStore(schema);
        _schemas[store] = schema;
        return ValueTask.FromResult<ISyncStateStore>(store);
    }

    protected override ValueTask<ISyncStateStore?> ReopenAsync(ISyncStateStore store) =>
        ValueTask.FromResult<ISyncStateStore?>(PostgreSqlTestServer.CreateStore(_schemas[store]));

    // Leases run on the database's clock: the suite moves this instance's view of it instead of waiting.
    protected override ValueTask AdvanceLeaseClockAsync(ISyncStateStore store, TimeSpan by)
    {
        var postgres = (PostgreSqlSyncStateStore)store;
        var moved = postgres.LeaseClockOffset() + by;
        postgres.LeaseClockOffset = () => moved;
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// Issue 16, item 10: a per-order lock row whose holder died before releasing it is pruned once it expired before the
    /// cut-off; a lock still live at the cut-off stays.
    /// </summary>
    [Fact]
    public async Task Prune_OrderLockExpiredBeforeCutOff_RowRemovedLiveLockKept()
    {
        var store = (PostgreSqlSyncStateStore)await CreateStoreAsync();
        Assert.True(await store.TryAcquireOrderLockAsync("shop", "dead", "a", T0, TimeSpan.FromMinutes(1), Ct));
        store.LeaseClockOffset = () => TimeSpan.FromDays(1);
        Assert.True(await store.TryAcquireOrderLockAsync("shop", "live", "b", T0, TimeSpan.FromMinutes(1), Ct));

        // The database's clock and this machine's are the same clock here; an hour is margin, the live lock is a day on.
        await store.PruneAsync(DateTimeOffset.UtcNow.AddHours(1), Ct);

        Assert.Null(await store.GetCursorAsync("shop", "order-lock|dead", Ct));
        Assert.NotNull(await store.GetCursorAsync("shop", "order-lock|live", Ct));
        Assert.False(await store.TryAcquireOrderLockAsync("shop", "live", "c", T0, TimeSpan.FromMinutes(1), Ct));
    }

    /// <summary>
    /// Lease expiry is the server's: a host whose clock is five minutes behind gets a full lease, and neither a host on
    /// time nor one five minutes ahead takes it early; once it runs out on the server, a host takes it whatever its clock.
    /// </summary>
    [Fact]
    public async Task Claim_HostClocksMinutesApart_LeaseRunsOnTheServersClock()
    {
        PostgreSqlTestServer.RequireServer();
        var schema = PostgreSqlTestServer.NewSchema();
        await using var behind = PostgreSqlTestServer.CreateStore(schema);
        await using var onTime = PostgreSqlTestServer.CreateStore(schema);
        await using var ahead = PostgreSqlTestServer.CreateStore(schema);
        var now = DateTimeOffset.UtcNow;
        var lease = TimeSpan.FromMinutes(1);
        await onTime.EnqueueAsync(WorkQueue.Outbox, new WorkItem
        {
            Id = "s1",
            Channel = "a",
            Kind = "shipment",
            Payload = "{}",
            EnqueuedAt = now.AddMinutes(-10),
        }, Ct);
        await onTime.SetDesiredInventoryAsync([new DesiredInventory
        {
            Key = new InventoryKey("a", "i1", "L1"),
            Quantity = 5,
        }], now.AddMinutes(-10), Ct);

        var held = Assert.Single(await behind.ClaimAsync(WorkQueue.Outbox, 10, now.AddMinutes(-5), lease, cancellationToken: Ct));
        Assert.Single(await behind.ClaimPendingInventoryAsync("a", 10, now.AddMinutes(-5), lease, Ct));

        Assert.Empty(await onTime.ClaimAsync(WorkQueue.Outbox, 10, now, lease, cancellationToken: Ct));
        Assert.Empty(await ahead.ClaimAsync(WorkQueue.Outbox, 10, now.AddMinutes(5), lease, cancellationToken: Ct));
        Assert.Empty(await onTime.ClaimPendingInventoryAsync("a", 10, now, lease, Ct));
        Assert.Empty(await ahead.ClaimPendingInventoryAsync("a", 10, now.AddMinutes(5), lease, Ct));
        Assert.Equal(ClaimWriteResult.Written, await behind.RenewClaimAsync(WorkQueue.Outbox, held, now.AddMinutes(-5), lease, Ct));

        // The server's clock moves past the (renewed) lease: the host on time takes the item; the late host's write is refused.
        onTime.LeaseClockOffset = () => lease + TimeSpan.FromSeconds(5);
        var taken = Assert.Single(await onTime.ClaimAsync(WorkQueue.Outbox, 10, now, lease, cancellationToken: Ct));
        Assert.Single(await onTime.ClaimPendingInventoryAsync("a", 10, now, lease, Ct));
        Assert.Equal(ClaimWriteResult.NotOwner, await behind.CompleteClaimedAsync(WorkQueue.Outbox, held, now.AddMinutes(-5), Ct));
        Assert.Equal(ClaimWriteResult.Written, await onTime.CompleteClaimedAsync(WorkQueue.Outbox, taken, now, Ct));
    }

    [Fact]
    public async Task Claim_TwoHostsOnOneSchema_NeverShareAnItem()
    {
        PostgreSqlTestServer.RequireServer();
        var schema = PostgreSqlTestServer.NewSchema();
        await using var hostA = PostgreSqlTestServer.CreateStore(schema);
        await using var hostB = PostgreSqlTestServer.CreateStore(schema);
        for (var i = 0; i < 300; i++)
        {
            await hostA.EnqueueAsync(WorkQueue.Outbox, new WorkItem
            {
                Id = $"s{i:D3}",
                Channel = "a",
                Kind = "shipment",
                Payload = "{}",
                EnqueuedAt = T0.AddMilliseconds(i),
            }, Ct);
        }

        async Task<List<string>> DrainAsync(ISyncStateStore store)
        {
            var mine = new List<string>();
            while (true)
            {
                var batch = await store.ClaimAsync(WorkQueue.Outbox, 5, T0.AddSeconds(1), TimeSpan.FromMinutes(1), cancellationToken: Ct);
                if (batch.Count == 0)
                {
                    return mine;
                }

                mine.AddRange(batch.Select(b => b.Id));
                foreach (var item in batch)
                {
                    await store.CompleteAsync(WorkQueue.Outbox, item.Id, T0.AddSeconds(1), Ct);
                }
            }
        }

        // Each host first holds a lease at the same time, so the test exercises sharing however the drains are scheduled.
        var firstA = await hostA.ClaimAsync(WorkQueue.Outbox, 5, T0.AddSeconds(1), TimeSpan.FromMinutes(1), cancellationToken: Ct);
        var firstB = await hostB.ClaimAsync(WorkQueue.Outbox, 5, T0.AddSeconds(1), TimeSpan.FromMinutes(1), cancellationToken: Ct);
        Assert.Equal(5, firstA.Count);
        Assert.Equal(5, firstB.Count);
        foreach (var (store, item) in firstA.Select(i => (hostA, i)).Concat(firstB.Select(i => (hostB, i))))
        {
            await store.CompleteAsync(WorkQueue.Outbox, item.Id, T0.AddSeconds(1), Ct);
        }

        var results = await Task.WhenAll(DrainAsync(hostA), DrainAsync(hostB), DrainAsync(hostA), DrainAsync(hostB));

        var all = firstA.Concat(firstB).Select(i => i.Id).Concat(results.SelectMany(r => r)).ToList();
        Assert.Equal(300, all.Count);
        Assert.Equal(300, all.Distinct().Count());
    }

    [Fact]
    public async Task ClaimPendingInventory_TwoHosts_EachRowLeasedOnce()
    {
        PostgreSqlTestServer.RequireServer();
        var schema = PostgreSqlTestServer.NewSchema();
        await using var hostA = PostgreSqlTestServer.CreateStore(schema);
        await using var hostB = PostgreSqlTestServer.CreateStore(schema);
        await hostA.SetDesiredInventoryAsync([.. Enumerable.Range(0, 500).Select(i => new DesiredInventory
        {
            Key = new InventoryKey("a", $"i{i}", "L1"),
            Quantity = i,
        })], T0, Ct);

        var claims = await Task.WhenAll(Enumerable.Range(0, 6).Select(n => Task.Run(
            async () =>
            {
                var store = n % 2 == 0 ? hostA : hostB;
                var mine = new List<InventoryKey>();
                while ((await store.ClaimPendingInventoryAsync("a", 25, T0, TimeSpan.FromMinutes(1), Ct)) is { Count: > 0 } batch)
                {
                    mine.AddRange(batch.Select(r => r.Key));
                }

                return mine;
            },
            Ct)));

        var all = claims.SelectMany(c => c).ToList();
        Assert.Equal(500, all.Count);
        Assert.Equal(500, all.Distinct().Count());
    }

    [Fact]
    public async Task Migrate_SchemaFromNewerVersion_IsRefusedAndLeftUntouched()
    {
        PostgreSqlTestServer.RequireServer();
        var schema = PostgreSqlTestServer.NewSchema();
        await using (var first = PostgreSqlTestServer.CreateStore(schema))
        {
            await first.TryAddIdempotencyKeyAsync("kept", T0, Ct);
        }

        await using (var connection = new NpgsqlConnection(PostgreSqlTestServer.ConnectionString))
        {
            await connection.OpenAsync(Ct);
            await using var bump = new NpgsqlCommand($"INSERT INTO {schema}.schema_version (version) VALUES (99)", connection);
            await bump.ExecuteNonQueryAsync(Ct);
        }

        await using var newer = PostgreSqlTestServer.CreateStore(schema);
        var error = await Assert.ThrowsAsync<ConnectorException>(async () => await newer.TryAddIdempotencyKeyAsync("x", T0, Ct));

        Assert.Contains("version 99", error.Message, StringComparison.Ordinal);
        await using var check = new NpgsqlConnection(PostgreSqlTestServer.ConnectionString);
        await check.OpenAsync(Ct);
        await using var count = new NpgsqlCommand($"SELECT count(*) FROM {schema}.idempotency_keys", check);
        Assert.Equal(1L, await count.ExecuteScalarAsync(Ct));
    }

    [Fact]
    public async Task Migrate_HostsStartingTogether_MigrateOnce()
    {
        PostgreSqlTestServer.RequireServer();
        var schema = PostgreSqlTestServer.NewSchema();
        var stores = Enumerable.Range(0, 4).Select(_ => PostgreSqlTestServer.CreateStore(schema)).ToList();

        await Task.WhenAll(stores.Select(s => s.MigrateAsync(Ct)));

        await using var connection = new NpgsqlConnection(PostgreSqlTestServer.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var count = new NpgsqlCommand($"SELECT count(*), count(DISTINCT version), max(version) FROM {schema}.schema_version", connection);
        await using (var reader = await count.ExecuteReaderAsync(Ct))
        {
            Assert.True(await reader.ReadAsync(Ct));
            Assert.Equal((8L, 8L, 8), (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt32(2))); // versions 1 to 8, each applied once
        }

        foreach (var store in stores)
        {
            await store.DisposeAsync();
        }
    }

    [Fact]
    public void UsePostgreSql_ReplacesInMemoryStore()
    {
        var services = new ServiceCollection();
        services.AddConnectors().UsePostgreSql(PostgreSqlTestServer.ConnectionString);
        using var provider = services.BuildServiceProvider();

        Assert.IsType<PostgreSqlSyncStateStore>(provider.GetRequiredService<ISyncStateStore>());
    }

    [Theory]
    [InlineData("", "connectors", "ConnectionString is empty")]
    [InlineData("Host=127.0.0.1", "connectors", "names no Database")]
    [InlineData("Host=127.0.0.1;Database=x;Password=s3cr3t-value", "bad-name;drop", "Schema is 'bad-name;drop'")]
    [InlineData("Host=127.0.0.1;Password=s3cr3t-value;Bogus Keyword=1", "connectors", "does not parse")]
    public async Task HostStart_InvalidOptions_FailsNamingSetting(string connectionString, string schema, string expected)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddConnectors().UsePostgreSql(o =>
        {
            o.ConnectionString = connectionString;
            o.Schema = schema;
        });
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains(error.Failures, f => f.Contains(expected, StringComparison.Ordinal));
        Assert.DoesNotContain(error.Failures, f => f.Contains("s3cr3t", StringComparison.Ordinal));
    }
}
