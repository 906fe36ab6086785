using Connectors.Testing;
using Npgsql;

namespace Connectors.Storage.PostgreSql.Tests;

/// <summary>The price tables of schema version 5: migration from version 4 and claims shared by two hosts.</summary>
public partial class PostgreSqlSyncStateStoreTests
{
    [Fact]
    public async Task Migrate_SchemaAtVersion4_AddsPriceTablesKeepingInventory()
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

        // Back to what version 4 left: no price, quota or zero-list tables, no version 5, 6 or 7 row.
        await using (var connection = new NpgsqlConnection(PostgreSqlTestServer.ConnectionString))
        {
            await connection.OpenAsync(Ct);
            await using var downgrade = new NpgsqlCommand($"DROP TABLE {schema}.prices; DROP TABLE {schema}.base_prices; DROP TABLE {schema}.quota_usage; DROP TABLE {schema}.listing_zero; DROP TABLE {schema}.listing_zero_version; DELETE FROM {schema}.schema_version WHERE version >= 5", connection);
            await downgrade.ExecuteNonQueryAsync(Ct);
        }

        await using var store = PostgreSqlTestServer.CreateStore(schema);
        await store.SetDesiredPricesAsync([new DesiredPrice { Key = new PriceKey("a", "i1", "EUR"), Price = new ChannelPrice { Amount = new Money(9.5m, "EUR") } }], T0, Ct);

        Assert.Equal(4, (await store.GetInventoryAsync(new InventoryKey("a", "i1", "L1"), Ct))!.Desired);
        Assert.Equal("EUR;9.50", Assert.Single(await store.GetPricesAsync([new PriceKey("a", "i1", "EUR")], Ct)).Desired.ToInvariantString());
    }

    [Fact]
    public async Task ClaimPendingPrices_TwoHostsOnOneSchema_NeverShareARow()
    {
        PostgreSqlTestServer.RequireServer();
        var schema = PostgreSqlTestServer.NewSchema();
        await using var hostA = PostgreSqlTestServer.CreateStore(schema);
        await using var hostB = PostgreSqlTestServer.CreateStore(schema);
        await hostA.SetDesiredPricesAsync(
            [.. Enumerable.Range(0, 100).Select(i => new DesiredPrice { Key = new PriceKey("a", $"i{i:D3}", "EUR"), Price = new ChannelPrice { Amount = new Money(i, "EUR") } })], T0, Ct);

        var claims = await Task.WhenAll(Enumerable.Range(0, 10).Select(n => ((IPriceStore)(n % 2 == 0 ? hostA : hostB)).ClaimPendingPricesAsync("a", 15, T0, TimeSpan.FromMinutes(1), Ct).AsTask()));

        var all = claims.SelectMany(c => c).Select(r => r.Key.ChannelItemId).ToList();
        Assert.Equal(100, all.Count);
        Assert.Equal(100, all.Distinct(StringComparer.Ordinal).Count());
    }
}
