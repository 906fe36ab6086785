using Npgsql;

namespace Connectors.Storage.PostgreSql.Tests;

/// <summary>
/// The zero-list table of schema version 7 and its change counter of version 8: migrations, and a list seen alike by two
/// hosts.
/// </summary>
public sealed partial class PostgreSqlSyncStateStoreTests
{
    [Fact]
    public async Task Migrate_SchemaAtVersion6_AddsZeroListTableKeepingQuotas()
    {
        PostgreSqlTestServer.RequireServer();
        var schema = PostgreSqlTestServer.NewSchema();
        await using (var first = PostgreSqlTestServer.CreateStore(schema))
        {
            await first.SpendCallsAsync(new QuotaSpend { Channel = "a", WindowStart = T0, Limit = 10, Amount = 4 }, Ct);
        }

        // Back to what version 6 left: no zero-list table, no version 7 row.
        await using (var connection = new NpgsqlConnection(PostgreSqlTestServer.ConnectionString))
        {
            await connection.OpenAsync(Ct);
            await using var downgrade = new NpgsqlCommand($"DROP TABLE {schema}.listing_zero; DROP TABLE {schema}.listing_zero_version; DELETE FROM {schema}.schema_version WHERE version >= 7", connection);
            await downgrade.ExecuteNonQueryAsync(Ct);
        }

        await using var store = PostgreSqlTestServer.CreateStore(schema);
        await store.ReplaceZeroedListingItemsAsync("a", ["i1"], Ct);

        Assert.Equal(["i1"], await store.GetZeroedListingItemsAsync("a", Ct));
        Assert.Equal(4, await store.GetCallsSpentAsync("a", T0, Ct));
    }

    /// <summary>A list one host stores is what another host on the same schema reads (what a host starting up loads).</summary>
    [Fact]
    public async Task ReplaceZeroedListingItems_OneHost_SeenByAnother()
    {
        PostgreSqlTestServer.RequireServer();
        var schema = PostgreSqlTestServer.NewSchema();
        await using var hostA = PostgreSqlTestServer.CreateStore(schema);
        await using var hostB = PostgreSqlTestServer.CreateStore(schema);

        await hostA.ReplaceZeroedListingItemsAsync("a", ["x", "y"], Ct);
        var seen = await hostB.GetZeroedListingItemsAsync("a", Ct);
        await hostB.ReplaceZeroedListingItemsAsync("a", ["y"], Ct);

        Assert.Equal(["x", "y"], seen);
        Assert.Equal(["y"], await hostA.GetZeroedListingItemsAsync("a", Ct));
    }

    [Fact]
    public async Task Migrate_SchemaAtVersion7_AddsChangeCounterKeepingZeroList()
    {
        PostgreSqlTestServer.RequireServer();
        var schema = PostgreSqlTestServer.NewSchema();
        await using (var first = PostgreSqlTestServer.CreateStore(schema))
        {
            await first.ReplaceZeroedListingItemsAsync("a", ["i1"], Ct);
        }

        // Back to what version 7 left: the list, no change counter, no version 8 row.
        await using (var connection = new NpgsqlConnection(PostgreSqlTestServer.ConnectionString))
        {
            await connection.OpenAsync(Ct);
            await using var downgrade = new NpgsqlCommand($"DROP TABLE {schema}.listing_zero_version; DELETE FROM {schema}.schema_version WHERE version = 8", connection);
            await downgrade.ExecuteNonQueryAsync(Ct);
        }

        await using var store = PostgreSqlTestServer.CreateStore(schema);
        var migrated = await store.GetZeroedListingVersionAsync(Ct);
        await store.ReplaceZeroedListingItemsAsync("a", ["i1", "i2"], Ct);

        Assert.Equal(0L, migrated);
        Assert.NotEqual(migrated, await store.GetZeroedListingVersionAsync(Ct));
        Assert.Equal(["i1", "i2"], await store.GetZeroedListingItemsAsync("a", Ct));
    }

    /// <summary>A replace on one host moves the change counter another host reads.</summary>
    [Fact]
    public async Task ReplaceZeroedListingItems_OneHost_MovesCounterAnotherReads()
    {
        PostgreSqlTestServer.RequireServer();
        var schema = PostgreSqlTestServer.NewSchema();
        await using var hostA = PostgreSqlTestServer.CreateStore(schema);
        await using var hostB = PostgreSqlTestServer.CreateStore(schema);
        var before = await hostB.GetZeroedListingVersionAsync(Ct);

        await hostA.ReplaceZeroedListingItemsAsync("a", ["x"], Ct);

        Assert.NotEqual(before, await hostB.GetZeroedListingVersionAsync(Ct));
    }
}
