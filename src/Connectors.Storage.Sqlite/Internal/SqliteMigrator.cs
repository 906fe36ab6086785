using Microsoft.Data.Sqlite;

namespace Connectors.Storage.Sqlite.Internal;

/// <summary>
/// Reads the schema version of a database and brings it up to date, one migration per step, in one transaction.
/// A database written by a newer version is refused before anything is written to it.
/// </summary>
internal static class SqliteMigrator
{
    /// <summary>Reads the schema version: 0 for a database without the version table.</summary>
    public static async Task<int> ReadVersionAsync(SqliteConnection connection, SqliteTransaction? transaction, CancellationToken cancellationToken)
    {
        using var exists = connection.CreateCommand();
        exists.Transaction = transaction;
        exists.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'";
        if (Convert.ToInt64(await exists.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture) == 0)
        {
            return 0;
        }

        using var read = connection.CreateCommand();
        read.Transaction = transaction;
        read.CommandText = "SELECT coalesce(max(version), 0) FROM schema_version";
        return Convert.ToInt32(await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Refuses a database newer than <paramref name="migrations"/> knows.</summary>
    public static void EnsureSupported(int databaseVersion, IReadOnlyList<string> migrations, string dataSource)
    {
        if (databaseVersion > migrations.Count)
        {
            throw new SqliteSchemaVersionException(dataSource, databaseVersion, migrations.Count);
        }
    }

    /// <summary>
    /// Applies the missing migrations in one immediate transaction (so two processes starting at once migrate once).
    /// </summary>
    /// <returns>The version found and the version now.</returns>
    public static async Task<(int From, int To)> MigrateAsync(
        SqliteConnection connection, IReadOnlyList<string> migrations, string dataSource, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // A read outside a write lock first: a newer database is refused without taking any lock or writing a byte.
        var found = await ReadVersionAsync(connection, null, cancellationToken).ConfigureAwait(false);
        EnsureSupported(found, migrations, dataSource);
        if (found == migrations.Count)
        {
            return (found, found);
        }

        using var transaction = connection.BeginTransaction(deferred: false);
        found = await ReadVersionAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
        EnsureSupported(found, migrations, dataSource);
        using (var create = connection.CreateCommand())
        {
            create.Transaction = transaction;
            create.CommandText = "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL PRIMARY KEY, applied_at INTEGER NOT NULL)";
            await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        for (var version = found; version < migrations.Count; version++)
        {
            using var migrate = connection.CreateCommand();
            migrate.Transaction = transaction;
            migrate.CommandText = migrations[version];
            await migrate.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);

            using var record = connection.CreateCommand();
            record.Transaction = transaction;
            record.CommandText = "INSERT INTO schema_version (version, applied_at) VALUES ($version, $at)";
            record.Parameters.AddWithValue("$version", version + 1);
            record.Parameters.AddWithValue("$at", now.UtcTicks);
            await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return (found, migrations.Count);
    }
}
