using Connectors.Storage.Sqlite.Internal;
using Microsoft.Data.Sqlite;

namespace Connectors.Storage.Sqlite.Tests;

/// <summary>The zero-list table of schema version 8, its change counter of version 9, and their migrations.</summary>
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
        Assert.Equal((long)SqliteSchema.CurrentVersion, command.ExecuteScalar());
    }

    [Fact]
    public async Task Open_DatabaseAtSchemaVersion8_AddsChangeCounterKeepingZeroList()
    {
        var file = _directory.NewDatabase();
        using (var connection = new SqliteConnection($"Data Source={file};Pooling=False"))
        {
            await connection.OpenAsync(Ct);
            await SqliteMigrator.MigrateAsync(connection, [.. SqliteSchema.Migrations.Take(8)], file, T0, Ct);
            using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO listing_zero (channel, item_id) VALUES ('a', 'i1')";
            await insert.ExecuteNonQueryAsync(Ct);
        }

        SqliteConnection.ClearAllPools();
        var store = await OpenAsync(file);
        var migrated = await store.GetZeroedListingVersionAsync(Ct);
        await store.ReplaceZeroedListingItemsAsync("a", ["i1", "i2"], Ct);

        Assert.Equal(0L, migrated);
        Assert.NotEqual(migrated, await store.GetZeroedListingVersionAsync(Ct));
        Assert.Equal(["i1", "i2"], await store.GetZeroedListingItemsAsync("a", Ct));
    }
}
