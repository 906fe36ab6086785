namespace Connectors.Storage.Sqlite;

/// <summary>Settings of the SQLite state store. Validated when the host starts.</summary>
public sealed class SqliteStoreOptions
{
    /// <summary>
    /// The Microsoft.Data.Sqlite connection string, for example <c>Data Source=connectors.db</c>. The data source
    /// must be a file (not <c>:memory:</c>) in a directory that exists and is writable; the file is created if absent.
    /// </summary>
    /// <value>Required; no default.</value>
    public string ConnectionString { get; set; } = string.Empty;

    /// <summary>
    /// Whether every commit is flushed to disk (<c>PRAGMA synchronous = FULL</c>). When <see langword="false"/>, commits
    /// survive a crash or kill of the process but the last ones may be lost on power failure or an OS crash
    /// (<c>synchronous = NORMAL</c> in WAL mode), which is much faster.
    /// </summary>
    /// <value>Default <see langword="false"/>.</value>
    public bool FullSync { get; set; }

    /// <summary>How long a statement waits for a lock held by another process on the same file before failing.</summary>
    /// <value>Default 30 seconds; from 1 second to 10 minutes.</value>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
