using Connectors.Storage.Sqlite.Internal;
using Microsoft.Data.Sqlite;

namespace Connectors.Storage.Sqlite.Tests;

/// <summary>The zero-list table of schema version 8 and its migration from version 7.</summary>
public sealed partial class SqliteSyncStateStoreTests
{
    [Fact]
    public async Task Open_DatabaseAtSchemaVersion7_MigratesToZeroListKeepingQuotas()
    {
        var file = _directory.NewDatabase();
        var window = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
        using (var connection = new SqliteConnection($"Data Source={file};Pooling=False"))
        {
            await connection.OpenAsync(Ct);
            await SqliteMigrator.MigrateAsync(connection, [.. SqliteSchema.Migrations.Take(7)], file, T0, Ct);
            using var insert = connection.CreateCommand();
            insert.CommandText = $"INSERT INTO quota_usage (channel, window_start, listing, used) VALUES ('a', {window.UtcTicks}, '', 4)";
            await insert.ExecuteNonQueryAsync(Ct);
        }

        SqliteConnection.ClearAllPools();
        var store = await OpenAsync(file);
        await store.ReplaceZeroedListingItemsAsync("a", ["i1"], Ct);

        Assert.Equal(["i1"], await store.GetZeroedListingItemsAsync("a", Ct));
        Assert.Equal(4, await store.GetCallsSpentAsync("a", window, Ct));
        using var check = new SqliteConnection($"Data Source={file};Pooling=False");
        check.Open();
        using var command = check.CreateCommand();
        command.CommandText = "SELECT max(version) FROM schema_version";
        Assert.Equal(8L, command.ExecuteScalar());
    }
}
