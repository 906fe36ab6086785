using Connectors.Storage.Sqlite.Internal;
using Microsoft.Data.Sqlite;

namespace Connectors.Storage.Sqlite.Tests;

/// <summary>The price tables of schema version 6 and their migration from version 5.</summary>
public sealed partial class SqliteSyncStateStoreTests
{
    [Fact]
    public async Task Open_DatabaseAtSchemaVersion5_MigratesToPricesKeepingInventory()
    {
        var file = _directory.NewDatabase();
        using (var connection = new SqliteConnection($"Data Source={file};Pooling=False"))
        {
            await connection.OpenAsync(Ct);
            await SqliteMigrator.MigrateAsync(connection, [.. SqliteSchema.Migrations.Take(5)], file, T0, Ct);
        }

        SqliteConnection.ClearAllPools();
        var store = await OpenAsync(file);
        await store.SetDesiredInventoryAsync([Desired("i1", 4)], T0, Ct);
        await store.SetBasePricesAsync([new BasePrice { Sku = "S1", Price = new Money(12.345m, "KWD") }], T0, Ct);
        await store.SetDesiredPricesAsync([new DesiredPrice { Key = new PriceKey("a", "i1", "KWD"), Price = new ChannelPrice { Amount = new Money(12.345m, "KWD") } }], T0, Ct);

        Assert.Equal(4, (await store.GetInventoryAsync(Key("i1"), Ct))!.Desired);
        Assert.Equal(12.345m, Assert.Single(await store.ReadBasePricesAsync(["S1"], Ct)).Price.Amount);
        Assert.Equal("KWD;12.345", Assert.Single(await store.ClaimPendingPricesAsync("a", 10, T0, Lease, Ct)).Desired.ToInvariantString());
        using var check = new SqliteConnection($"Data Source={file};Pooling=False");
        check.Open();
        using var command = check.CreateCommand();
        command.CommandText = "SELECT max(version) FROM schema_version";
        Assert.Equal((long)SqliteSchema.CurrentVersion, command.ExecuteScalar());
    }
}
