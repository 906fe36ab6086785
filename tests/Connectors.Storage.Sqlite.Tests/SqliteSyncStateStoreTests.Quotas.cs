using Connectors.Storage.Sqlite.Internal;
using Microsoft.Data.Sqlite;

namespace Connectors.Storage.Sqlite.Tests;

/// <summary>The quota table of schema version 7 and its migration from version 6.</summary>
public sealed partial class SqliteSyncStateStoreTests
{
    [Fact]
    public async Task Open_DatabaseAtSchemaVersion6_MigratesToQuotasKeepingInventory()
    {
        var file = _directory.NewDatabase();
        using (var connection = new SqliteConnection($"Data Source={file};Pooling=False"))
        {
            await connection.OpenAsync(Ct);
            await SqliteMigrator.MigrateAsync(connection, [.. SqliteSchema.Migrations.Take(6)], file, T0, Ct);
            using var insert = connection.CreateCommand();
            insert.CommandText = $"INSERT INTO inventory (channel, item_id, location_id, desired, version, attempts, next_attempt_at, updated_at, lease_until, pending) VALUES ('a', 'i1', 'L1', 4, 1, 0, {T0.UtcTicks}, {T0.UtcTicks}, 0, 1)";
            await insert.ExecuteNonQueryAsync(Ct);
        }

        SqliteConnection.ClearAllPools();
        var store = await OpenAsync(file);
        var window = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

        var granted = await store.SpendCallsAsync(new QuotaSpend { Channel = "a", WindowStart = window, Limit = 3, Amount = 5 }, Ct);

        Assert.Equal(3, granted);
        Assert.Equal(4, (await store.GetInventoryAsync(Key("i1"), Ct))!.Desired);
        using var check = new SqliteConnection($"Data Source={file};Pooling=False");
        check.Open();
        using var command = check.CreateCommand();
        command.CommandText = "SELECT max(version) FROM schema_version";
        Assert.Equal((long)SqliteSchema.CurrentVersion, command.ExecuteScalar());
    }
}
