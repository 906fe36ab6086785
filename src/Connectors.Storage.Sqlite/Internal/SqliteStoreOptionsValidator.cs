using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Connectors.Storage.Sqlite.Internal;

/// <summary>
/// Checks <see cref="SqliteStoreOptions"/>: the connection string parses, names a file, and its directory is
/// writable. Hand-written rather than DataAnnotations because every rule needs the parsed connection string and
/// the file system. Messages name the setting and the data source, never the whole connection string (it may
/// hold a password).
/// </summary>
internal sealed class SqliteStoreOptionsValidator : IValidateOptions<SqliteStoreOptions>
{
    private const string Setting = "Connectors:Sqlite:ConnectionString";

    public ValidateOptionsResult Validate(string? name, SqliteStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.BusyTimeout < TimeSpan.FromSeconds(1) || options.BusyTimeout > TimeSpan.FromMinutes(10))
        {
            failures.Add($"Connectors:Sqlite:BusyTimeout is {options.BusyTimeout} but must be between {TimeSpan.FromSeconds(1)} and {TimeSpan.FromMinutes(10)}.");
        }

        if (options.InventoryJournalLimit is < 1 or > 16_777_216)
        {
            failures.Add($"Connectors:Sqlite:InventoryJournalLimit is {options.InventoryJournalLimit} but must be between 1 and 16,777,216.");
        }

        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            failures.Add($"{Setting} is required, for example \"Data Source=connectors.db\" (pass it to UseSqlite).");
            return ValidateOptionsResult.Fail(failures);
        }

        if (!TryGetDataSource(options.ConnectionString, out var dataSource, out var problem))
        {
            failures.Add($"{Setting} is invalid: {problem}");
            return ValidateOptionsResult.Fail(failures);
        }

        var writable = CheckWritable(dataSource);
        if (writable is not null)
        {
            failures.Add($"{Setting} names Data Source '{dataSource}': {writable}");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Parses the connection string and returns its file path, or why it is not usable.</summary>
    internal static bool TryGetDataSource(string connectionString, out string dataSource, out string problem)
    {
        dataSource = string.Empty;
        SqliteConnectionStringBuilder builder;
        try
        {
            builder = new SqliteConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException ex)
        {
            problem = $"it does not parse ({ex.Message}).";
            return false;
        }

        if (string.IsNullOrWhiteSpace(builder.DataSource))
        {
            problem = "it has no Data Source; give a file, for example \"Data Source=connectors.db\".";
            return false;
        }

        if (builder.Mode == SqliteOpenMode.Memory || string.Equals(builder.DataSource, ":memory:", StringComparison.OrdinalIgnoreCase))
        {
            problem = $"Data Source '{builder.DataSource}' (Mode={builder.Mode}) is in memory, so nothing would survive a restart; give a file, or keep the default in-memory store.";
            return false;
        }

        if (builder.Mode == SqliteOpenMode.ReadOnly)
        {
            problem = "Mode=ReadOnly cannot hold state; remove Mode or use ReadWriteCreate.";
            return false;
        }

        dataSource = builder.DataSource;
        problem = string.Empty;
        return true;
    }

    private static string? CheckWritable(string dataSource)
    {
        string fullPath;
        try
        {
            fullPath = Path.GetFullPath(dataSource);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return $"the path is not valid ({ex.Message}).";
        }

        var directory = Path.GetDirectoryName(fullPath) ?? fullPath;
        if (!Directory.Exists(directory))
        {
            return $"the directory '{directory}' does not exist; create it or choose another path.";
        }

        if (File.Exists(fullPath))
        {
            if ((File.GetAttributes(fullPath) & FileAttributes.ReadOnly) != 0)
            {
                return $"the file '{fullPath}' is read-only.";
            }

            try
            {
                using var stream = new FileStream(fullPath, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return $"the file '{fullPath}' cannot be opened for writing ({ex.Message}).";
            }
        }

        // SQLite also writes -wal and -shm files beside the database, so the directory itself must be writable.
        var probe = Path.Combine(directory, $".connectors-write-probe-{Guid.NewGuid():N}");
        try
        {
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose))
            {
            }

            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return $"the directory '{directory}' is not writable ({ex.Message}); SQLite needs to create the database and its -wal and -shm files there.";
        }
    }
}
