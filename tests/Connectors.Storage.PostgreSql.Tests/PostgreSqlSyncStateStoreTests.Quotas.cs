using Npgsql;

namespace Connectors.Storage.PostgreSql.Tests;

/// <summary>The quota table of schema version 6: migration from version 5 and one budget spent by several hosts at once.</summary>
public sealed partial class PostgreSqlSyncStateStoreTests
{
    private static readonly DateTimeOffset QuotaDay = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Migrate_SchemaAtVersion5_AddsQuotaTableKeepingInventory()
    {
        PostgreSqlTestServer.RequireServer();
        var schema = PostgreSqlTestServer.NewSchema();
        await using (var first = PostgreSqlTestServer.CreateStore(schema))
        {
            await first.SetDesiredInventoryAsync([new DesiredInventory
            {
                Key = new InventoryKey("a", "i1", "L1"),
                Quantity = 4,
            }], T0, Ct);
        }

        // Back to what version 5 left: no quota or zero-list table, no version 6 or 7 row.
        await using (var connection = new NpgsqlConnection(PostgreSqlTestServer.ConnectionString))
        {
            await connection.OpenAsync(Ct);
            await using var downgrade = new NpgsqlCommand($"DROP TABLE {schema}.quota_usage; DROP TABLE {schema}.listing_zero; DROP TABLE {schema}.listing_zero_version; DELETE FROM {schema}.schema_version WHERE version >= 6", connection);
            await downgrade.ExecuteNonQueryAsync(Ct);
        }

        await using var store = PostgreSqlTestServer.CreateStore(schema);
        var granted = await store.SpendCallsAsync(new QuotaSpend { Channel = "a", WindowStart = QuotaDay, Limit = 3, Amount = 5 }, Ct);

        Assert.Equal(3, granted);
        Assert.Equal(4, (await store.GetInventoryAsync(new InventoryKey("a", "i1", "L1"), Ct))!.Desired);
    }

    /// <summary>
    /// Two hosts (two stores, two connection pools) on one database spend one call budget and one listing's revisions
    /// at once, many small spends each: together they are granted exactly the limit, never more, and the stored count
    /// agrees with what was granted.
    /// </summary>
    [Fact]
    public async Task SpendQuota_TwoHostsOnOneSchemaConcurrently_NeverExceedTheBudget()
    {
        PostgreSqlTestServer.RequireServer();
        var schema = PostgreSqlTestServer.NewSchema();
        await using var hostA = PostgreSqlTestServer.CreateStore(schema);
        await using var hostB = PostgreSqlTestServer.CreateStore(schema);
        await hostA.MigrateAsync(Ct);
        const int Limit = 500;
        const int Revisions = 40;

        var spenders = Enumerable.Range(0, 8).Select(n => Task.Run(
            async () =>
            {
                IQuotaStore store = n % 2 == 0 ? hostA : hostB;
                int calls = 0, revisions = 0;
                for (var i = 0; i < 60; i++)
                {
                    calls += await store.SpendCallsAsync(new QuotaSpend { Channel = "etsy", WindowStart = QuotaDay, Limit = Limit, Amount = 1 + ((n + i) % 3) }, Ct);
                    var refused = await store.SpendRevisionsAsync(
                        new RevisionSpend { Channel = "etsy", WindowStart = QuotaDay, Limit = Revisions, Listings = ["hot", $"own-{n}"] }, Ct);
                    revisions += refused.Contains("hot") ? 0 : 1;
                }

                return (calls, revisions);
            },
            Ct)).ToList();
        var results = await Task.WhenAll(spenders);

        // 8 spenders x 60 spends x 2 calls on average = 960 calls wanted, 480 revisions of "hot" wanted.
        Assert.Equal(Limit, results.Sum(r => r.calls));
        Assert.Equal(Revisions, results.Sum(r => r.revisions));
        Assert.Equal(Limit, await hostB.GetCallsSpentAsync("etsy", QuotaDay, Ct));
        Assert.Equal(Revisions, await hostA.GetRevisionsSpentAsync("etsy", "hot", QuotaDay, Ct));
        Assert.Equal(Revisions, await hostB.GetRevisionsSpentAsync("etsy", "own-3", QuotaDay, Ct));
    }
}
