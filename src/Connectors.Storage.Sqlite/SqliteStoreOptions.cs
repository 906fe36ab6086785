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

    /// <summary>
    /// How many changed inventory rows may wait in the inventory journal before a write folds them into the inventory
    /// table. A burst of desired quantities is committed as one journal row; the journal is folded anyway before
    /// inventory is claimed, acknowledged, rescheduled or read, so this only bounds its size (and the pause of the one
    /// write that folds) when nothing claims for a while.
    /// </summary>
    /// <value>Default 65,536; from 1 to 16,777,216.</value>
    public int InventoryJournalLimit { get; set; } = 65_536;

    /// <summary>How long a statement waits for a lock held by another process on the same file before failing.</summary>
    /// <value>Default 30 seconds; from 1 second to 10 minutes.</value>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
