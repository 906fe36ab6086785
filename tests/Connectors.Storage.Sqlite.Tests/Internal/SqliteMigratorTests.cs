using Connectors.Storage.Sqlite.Internal;
using Microsoft.Data.Sqlite;

namespace Connectors.Storage.Sqlite.Tests.Internal;

public sealed class SqliteMigratorTests : IDisposable
{
    private const string V1 = "CREATE TABLE things (id TEXT PRIMARY KEY)";
    private const string V2 = "ALTER TABLE things ADD COLUMN size INTEGER NOT NULL DEFAULT 7";
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly TestDirectory _directory = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task MigrateAsync_EmptyFile_AppliesEveryMigration()
    {
        using var connection = Open();

        var (from, to) = await SqliteMigrator.MigrateAsync(connection, [V1, V2], "db", Now, Ct);

        Assert.Equal((0, 2), (from, to));
        Assert.Equal(2, await SqliteMigrator.ReadVersionAsync(connection, null, Ct));
        Assert.Equal(7L, Scalar(connection, "INSERT INTO things (id) VALUES ('x') RETURNING size"));
    }

    [Fact]
    public async Task MigrateAsync_OlderDatabase_AppliesOnlyMissingStepsAndKeepsData()
    {
        using var connection = Open();
        await SqliteMigrator.MigrateAsync(connection, [V1], "db", Now, Ct);
        Scalar(connection, "INSERT INTO things (id) VALUES ('old')");

        var (from, to) = await SqliteMigrator.MigrateAsync(connection, [V1, V2], "db", Now, Ct);

        Assert.Equal((1, 2), (from, to));
        Assert.Equal(7L, Scalar(connection, "SELECT size FROM things WHERE id = 'old'"));
        Assert.Equal(2L, Scalar(connection, "SELECT count(*) FROM schema_version"));
    }

    [Fact]
    public async Task MigrateAsync_CurrentDatabase_ChangesNothing()
    {
        using var connection = Open();
        await SqliteMigrator.MigrateAsync(connection, [V1, V2], "db", Now, Ct);

        var (from, to) = await SqliteMigrator.MigrateAsync(connection, [V1, V2], "db", Now, Ct);

        Assert.Equal((2, 2), (from, to));
        Assert.Equal(2L, Scalar(connection, "SELECT count(*) FROM schema_version"));
    }

    [Fact]
    public async Task MigrateAsync_NewerDatabase_ThrowsTypedErrorAndWritesNothing()
    {
        using var connection = Open();
        await SqliteMigrator.MigrateAsync(connection, [V1, V2], "state.db", Now, Ct);
        var changesBefore = Scalar(connection, "SELECT total_changes()");

        var error = await Assert.ThrowsAsync<SqliteSchemaVersionException>(
            async () => await SqliteMigrator.MigrateAsync(connection, [V1], "state.db", Now, Ct));

        Assert.Equal(2, error.DatabaseVersion);
        Assert.Equal(1, error.SupportedVersion);
        Assert.Equal("state.db", error.DataSource);
        Assert.Contains("newer", error.Message, StringComparison.Ordinal);
        Assert.Equal(2L, Scalar(connection, "SELECT count(*) FROM schema_version"));
        Assert.Equal(changesBefore, Scalar(connection, "SELECT total_changes()"));
    }

    [Fact]
    public async Task MigrateAsync_FailingStep_RollsBackToPreviousVersion()
    {
        using var connection = Open();
        await SqliteMigrator.MigrateAsync(connection, [V1], "db", Now, Ct);

        await Assert.ThrowsAsync<SqliteException>(
            async () => await SqliteMigrator.MigrateAsync(connection, [V1, "CREATE TABLE more (x INTEGER); THIS IS NOT SQL"], "db", Now, Ct));

        Assert.Equal(1, await SqliteMigrator.ReadVersionAsync(connection, null, Ct));
        Assert.Equal(0L, Scalar(connection, "SELECT count(*) FROM sqlite_master WHERE name = 'more'"));
    }

    [Fact]
    public async Task Schema_Migrations_ApplyCleanlyOnEmptyDatabase()
    {
        using var connection = Open();

        var (_, to) = await SqliteMigrator.MigrateAsync(connection, SqliteSchema.Migrations, "db", Now, Ct);

        Assert.Equal(SqliteSchema.CurrentVersion, to);
        // 9 tables up to version 4, order_timelines and shipment_timelines from version 5, base_prices and prices from 6,
        // quota_usage from 7, listing_zero from 8,
        // listing_zero_version from 9.
        Assert.Equal(16L, Scalar(connection, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name <> 'schema_version' AND name NOT LIKE 'sqlite%'"));
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection($"Data Source={_directory.NewDatabase()};Pooling=False");
        connection.Open();
        return connection;
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
