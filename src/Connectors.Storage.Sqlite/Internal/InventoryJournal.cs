using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Connectors.Storage.Sqlite.Internal;

/// <summary>
/// The inventory write path of the single writer connection: a burst of desired quantities is committed as one row of
/// <c>inventory_journal</c> (a compact blob of the rows whose quantity changed), and the journal is folded into the
/// <c>inventory</c> table later, one update per changed row however often it changed.
/// </summary>
/// <remarks>
/// <para>
/// Why: one SQL statement per row costs SQLite 0.6–1.4 µs (a B-tree seek and a record rewrite), which is 6–14 times
/// the in-memory store's whole write. A batch appended as one blob costs one insert and one commit. The fold pays the
/// per-row cost once per changed row, not once per change, so a SKU that changes many times between two pushes is
/// written once.
/// </para>
/// <para>
/// To tell which rows change, and to return the count the contract promises, the writer keeps the desired quantity
/// and SKU of every row it has seen (<see cref="KnownRow"/>, with the row's never-reused id), journalled changes
/// included. That knowledge is only trusted while no other connection has written the file: every write transaction
/// first reads <c>PRAGMA data_version</c>, which changes when another connection (another store instance, another
/// process) commits. Then, and after a restart, the whole journal is folded and the known rows are forgotten before
/// any row is looked up, because only a folded table holds every row's current quantity.
/// </para>
/// <para>
/// Every operation that reads or changes inventory rows other than through this path (claims, acknowledgements,
/// reschedules, reads) folds the journal first, so it sees exactly the rows a row-by-row write would have left: a
/// changed quantity gets one new version per change, its attempts reset, due at the time of its last change; an
/// unchanged one is left as it is. Appending a batch, and folding, each happen inside the caller's transaction, so a
/// crash keeps either all of a batch or none of it, and a fold either completes or leaves the journal as it was.
/// </para>
/// </remarks>
internal sealed class InventoryJournal : IDisposable
{
    /// <summary>The most rows the writer keeps knowledge of; past it, the journal is folded and the knowledge dropped.</summary>
    public const int MaxKnownRows = 1_000_000;

    private const string DataVersionSql = "PRAGMA data_version";

    // ?1 channel, ?2 item, ?3 location
    private const string FindSql = "SELECT id, desired, sku FROM inventory WHERE channel = ?1 AND item_id = ?2 AND location_id = ?3";

    // ?1 channel, ?2 item, ?3 location, ?4 desired, ?5 now, ?6 sku
    private const string InsertSql = """
        INSERT INTO inventory (channel, item_id, location_id, desired, acknowledged, version, sku, attempts, next_attempt_at, updated_at, lease_until, last_error, pending)
        VALUES (?1, ?2, ?3, ?4, NULL, 1, ?6, 0, ?5, ?5, 0, NULL, 1)
        """;

    // ?1 recorded at, ?2 changes, ?3 blob
    private const string AppendSql = "INSERT INTO inventory_journal (recorded_at, changes, rows) VALUES (?1, ?2, ?3)";

    private const string ReadSql = "SELECT seq, recorded_at, rows FROM inventory_journal ORDER BY seq";

    private const string DeleteSql = "DELETE FROM inventory_journal WHERE seq <= ?1";

    // ?1 id, ?2 desired, ?3 changes, ?4 changed at, ?5 sku. A row that was pending and stays pending (the common case:
    // several changes before one push) keeps its pending flag, so the partial pending index is not touched; SQLite
    // rewrites the index entry of any indexed column in the SET list, even to the same value.
    private const string FoldStaysPendingSql = """
        UPDATE inventory SET desired = ?2, version = version + ?3, attempts = 0, next_attempt_at = ?4, updated_at = ?4,
            last_error = NULL, sku = coalesce(?5, sku)
        WHERE id = ?1 AND pending = 1 AND acknowledged IS NOT ?2
        """;

    private const string FoldSql = """
        UPDATE inventory SET desired = ?2, version = version + ?3, attempts = 0, next_attempt_at = ?4, updated_at = ?4,
            last_error = NULL, sku = coalesce(?5, sku), pending = (acknowledged IS NOT ?2)
        WHERE id = ?1
        """;

    // ?1 id or ?1..?3 key, then the acknowledged quantity.
    private const string AcknowledgeByIdSql = """
        UPDATE inventory SET acknowledged = ?2, lease_until = 0, lease_owner = NULL, attempts = 0, last_error = NULL, pending = (desired IS NOT ?2)
        WHERE id = ?1
        """;

    private const string AcknowledgeByKeySql = """
        UPDATE inventory SET acknowledged = ?4, lease_until = 0, lease_owner = NULL, attempts = 0, last_error = NULL, pending = (desired IS NOT ?4)
        WHERE channel = ?1 AND item_id = ?2 AND location_id = ?3
        """;

    // ?1 channel, ?2 now, ?3 max rows
    private const string DueSql = """
        SELECT id, item_id, location_id, desired, acknowledged, version, sku, attempts, next_attempt_at, updated_at, last_error
        FROM inventory
        WHERE channel = ?1 AND pending = 1 AND next_attempt_at <= ?2 AND lease_until <= ?2
        ORDER BY next_attempt_at, item_id, location_id LIMIT ?3
        """;

    // ?1 id, ?2 lease until, ?3 owner token
    private const string LeaseSql = "UPDATE inventory SET lease_until = ?2, lease_owner = ?3 WHERE id = ?1";

    private const int CancellationCheckInterval = 128;

    private readonly sqlite3 _db;
    private readonly string _dataSource;
    private readonly int _foldThreshold;
    private readonly sqlite3_stmt _dataVersion;
    private readonly sqlite3_stmt _find;
    private readonly sqlite3_stmt _insert;
    private readonly sqlite3_stmt _append;
    private readonly sqlite3_stmt _read;
    private readonly sqlite3_stmt _delete;
    private readonly sqlite3_stmt _foldStaysPending;
    private readonly sqlite3_stmt _fold;
    private readonly sqlite3_stmt _acknowledgeById;
    private readonly sqlite3_stmt _acknowledgeByKey;
    private readonly sqlite3_stmt _due;
    private readonly sqlite3_stmt _lease;
    private readonly List<long> _claimedIds = [];
    private readonly Dictionary<InventoryKey, KnownRow> _known = [];
    private readonly List<KnownRowUndo> _undo = [];
    private readonly Dictionary<long, FoldedRow> _folded = [];
    private readonly List<long> _foldOrder = [];
    private readonly JournalBatchWriter _batch = new();
    private byte[] _utf8 = new byte[256];
    private long _dataVersionSeen = long.MinValue;
    private bool _mustFoldFirst = true;
    private bool _foldedInTransaction;
    private int _appendedInTransaction;

    /// <param name="writer">The open writer connection.</param>
    /// <param name="foldThreshold">How many journalled changes may wait before a write folds them.</param>
    public InventoryJournal(SqliteConnection writer, int foldThreshold)
    {
        _db = writer.Handle ?? throw new InvalidOperationException("The writer connection is not open.");
        _dataSource = writer.DataSource;
        _foldThreshold = foldThreshold;
        _dataVersion = Prepare(DataVersionSql);
        _find = Prepare(FindSql);
        _insert = Prepare(InsertSql);
        _append = Prepare(AppendSql);
        _read = Prepare(ReadSql);
        _delete = Prepare(DeleteSql);
        _foldStaysPending = Prepare(FoldStaysPendingSql);
        _fold = Prepare(FoldSql);
        _acknowledgeById = Prepare(AcknowledgeByIdSql);
        _acknowledgeByKey = Prepare(AcknowledgeByKeySql);
        _due = Prepare(DueSql);
        _lease = Prepare(LeaseSql);
    }

    /// <summary>How many changes this writer journalled that are not folded yet (committed ones only).</summary>
    private int Unfolded { get; set; }

    /// <summary>
    /// Writes <paramref name="rows"/> inside the open transaction of the writer connection: new rows are inserted, rows
    /// whose desired quantity changes are journalled in one blob, unchanged rows are skipped.
    /// </summary>
    /// <returns>How many rows changed (a key repeated in the batch counts each time its quantity changes).</returns>
    public int Write(IReadOnlyList<DesiredInventory> rows, long now, CancellationToken cancellationToken)
    {
        Synchronize(foldEverything: false);
        _batch.Reset();
        raw.sqlite3_bind_int64(_insert, 5, now);
        var changed = 0;
        for (var i = 0; i < rows.Count; i++)
        {
            if (i % CancellationCheckInterval == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var row = rows[i];

            // The reference stays valid: nothing below adds to or removes from the dictionary.
            ref var known = ref CollectionsMarshal.GetValueRefOrAddDefault(_known, row.Key, out var exists);
            if (!exists)
            {
                _undo.Add(new KnownRowUndo(row.Key, Existed: false, default));
                if (!TryFind(row.Key, out known))
                {
                    known = new KnownRow(Insert(row), row.Quantity, row.Sku);
                    changed++;
                    continue;
                }
            }

            if (known.Desired == row.Quantity)
            {
                continue;
            }

            _undo.Add(new KnownRowUndo(row.Key, Existed: true, known));
            var sku = row.Sku is not null && !string.Equals(row.Sku, known.Sku, StringComparison.Ordinal) ? row.Sku : null;
            _batch.Add(known.Id, row.Quantity, sku);
            known = known with { Desired = row.Quantity, Sku = row.Sku ?? known.Sku };
            changed++;
        }

        if (_batch.Count > 0)
        {
            raw.sqlite3_bind_int64(_append, 1, now);
            raw.sqlite3_bind_int(_append, 2, _batch.Count);
            raw.sqlite3_bind_blob(_append, 3, _batch.Written);
            Step(_append);
            _appendedInTransaction = _batch.Count;
        }

        return changed;
    }

    /// <summary>
    /// Brings the inventory table up to date inside the open transaction: folds the whole journal when another
    /// connection wrote the file since this writer last looked, when this writer just opened, when
    /// <paramref name="foldEverything"/> and anything is journalled, or when the journal reached the threshold.
    /// </summary>
    /// <param name="foldEverything">Whether the caller is about to read or change inventory rows itself.</param>
    public void Synchronize(bool foldEverything)
    {
        var version = ReadDataVersion();
        if (version != _dataVersionSeen)
        {
            _dataVersionSeen = version;
            _mustFoldFirst = true;
        }

        if (_mustFoldFirst || Unfolded >= _foldThreshold || _known.Count >= MaxKnownRows || (foldEverything && Unfolded > 0))
        {
            Fold();
        }
    }

    /// <summary>
    /// Records what the channel acknowledged, inside the open transaction, after <see cref="Synchronize"/> folded the
    /// journal: by row id when the writer knows it (ids never change or get reused, so a known id is right even when the
    /// known quantity is stale), else by key. An acknowledgement of a key without a row changes nothing.
    /// </summary>
    public void Acknowledge(IReadOnlyList<InventoryAcknowledgement> acknowledgements, CancellationToken cancellationToken)
    {
        for (var i = 0; i < acknowledgements.Count; i++)
        {
            if (i % CancellationCheckInterval == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var acknowledgement = acknowledgements[i];
            if (_known.TryGetValue(acknowledgement.Key, out var known))
            {
                raw.sqlite3_bind_int64(_acknowledgeById, 1, known.Id);
                raw.sqlite3_bind_int(_acknowledgeById, 2, acknowledgement.Quantity);
                Step(_acknowledgeById);
            }
            else
            {
                BindText(_acknowledgeByKey, 1, acknowledgement.Key.Channel);
                BindText(_acknowledgeByKey, 2, acknowledgement.Key.ChannelItemId);
                BindText(_acknowledgeByKey, 3, acknowledgement.Key.LocationId);
                raw.sqlite3_bind_int(_acknowledgeByKey, 4, acknowledgement.Quantity);
                Step(_acknowledgeByKey);
            }
        }
    }

    /// <summary>
    /// Claims up to <paramref name="maxRows"/> due, unleased, pending rows of <paramref name="channel"/>, oldest due first,
    /// inside the open transaction, after <see cref="Synchronize"/> folded the journal: reads them, then leases each by id.
    /// </summary>
    /// <returns>The claimed rows, in due order (then item id, then location id, by SQLite's byte order).</returns>
    public List<InventoryRow> Claim(string channel, int maxRows, long now, long leaseUntil, string token, CancellationToken cancellationToken)
    {
        var claimed = new List<InventoryRow>();
        _claimedIds.Clear();
        BindText(_due, 1, channel);
        raw.sqlite3_bind_int64(_due, 2, now);
        raw.sqlite3_bind_int64(_due, 3, maxRows);
        try
        {
            int rc;
            while ((rc = raw.sqlite3_step(_due)) == raw.SQLITE_ROW)
            {
                _claimedIds.Add(raw.sqlite3_column_int64(_due, 0));
                claimed.Add(new InventoryRow
                {
                    Key = new InventoryKey(channel, Text(_due, 1)!, Text(_due, 2)!),
                    Desired = raw.sqlite3_column_int(_due, 3),
                    Acknowledged = raw.sqlite3_column_type(_due, 4) == raw.SQLITE_NULL ? null : raw.sqlite3_column_int(_due, 4),
                    Version = raw.sqlite3_column_int64(_due, 5),
                    Sku = Text(_due, 6),
                    Attempts = raw.sqlite3_column_int(_due, 7),
                    NextAttemptAt = TimeCodec.FromTicks(raw.sqlite3_column_int64(_due, 8)),
                    UpdatedAt = TimeCodec.FromTicks(raw.sqlite3_column_int64(_due, 9)),
                    LastError = Text(_due, 10),
                    LeaseToken = token,
                });
            }

            ThrowUnlessDone(rc);
        }
        finally
        {
            raw.sqlite3_reset(_due);
        }

        raw.sqlite3_bind_int64(_lease, 2, leaseUntil);
        BindText(_lease, 3, token);
        for (var i = 0; i < _claimedIds.Count; i++)
        {
            if (i % CancellationCheckInterval == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            raw.sqlite3_bind_int64(_lease, 1, _claimedIds[i]);
            Step(_lease);
        }

        return claimed;
    }

    /// <summary>The transaction committed: its journalled changes and what was learnt in it stand.</summary>
    public void Commit()
    {
        _undo.Clear();
        Unfolded += _appendedInTransaction;
        _appendedInTransaction = 0;
        _foldedInTransaction = false;
    }

    /// <summary>The transaction rolled back: undo what was learnt in it; a fold inside it did not happen.</summary>
    public void Rollback()
    {
        for (var i = _undo.Count - 1; i >= 0; i--)
        {
            var undo = _undo[i];
            if (undo.Existed)
            {
                _known[undo.Key] = undo.Previous;
            }
            else
            {
                _known.Remove(undo.Key);
            }
        }

        _undo.Clear();
        _appendedInTransaction = 0;
        if (_foldedInTransaction)
        {
            // The journal is still there and the fold may have dropped the known rows: fold before trusting anything.
            _foldedInTransaction = false;
            _known.Clear();
            _mustFoldFirst = true;
        }
    }

    public void Dispose()
    {
        _dataVersion.Dispose();
        _find.Dispose();
        _insert.Dispose();
        _append.Dispose();
        _read.Dispose();
        _delete.Dispose();
        _foldStaysPending.Dispose();
        _fold.Dispose();
        _acknowledgeById.Dispose();
        _acknowledgeByKey.Dispose();
        _due.Dispose();
        _lease.Dispose();
    }

    private void Fold()
    {
        _foldedInTransaction = true;
        _folded.Clear();
        _foldOrder.Clear();
        long lastBatch = 0;
        try
        {
            int rc;
            while ((rc = raw.sqlite3_step(_read)) == raw.SQLITE_ROW)
            {
                lastBatch = raw.sqlite3_column_int64(_read, 0);
                var changedAt = raw.sqlite3_column_int64(_read, 1);
                var reader = new JournalBatchReader(raw.sqlite3_column_blob(_read, 2), lastBatch);
                while (reader.TryRead(out var id, out var quantity, out var sku))
                {
                    ref var folded = ref CollectionsMarshal.GetValueRefOrAddDefault(_folded, id, out var exists);
                    if (!exists)
                    {
                        _foldOrder.Add(id);
                    }

                    folded = new FoldedRow(quantity, folded.Changes + 1, changedAt, sku ?? folded.Sku);
                }
            }

            ThrowUnlessDone(rc);
        }
        catch (InvalidDataException ex)
        {
            throw new ConnectorException($"The SQLite state store '{_dataSource}' has a damaged inventory journal: {ex.Message}", isTransient: false, ex);
        }
        finally
        {
            raw.sqlite3_reset(_read);
        }

        // In id order: neighbouring rows share B-tree pages.
        // Rows in one fold tend to be in the same state: all still pending since an earlier burst (nothing pushed in
        // between), or mostly pushed and acknowledged since. Once a row misses the cheaper statement, the rest of the fold
        // goes straight to the general one (correct for any row) instead of paying a miss per row.
        _foldOrder.Sort();
        var generalOnly = false;
        foreach (var id in _foldOrder)
        {
            var folded = _folded[id];
            if (!generalOnly)
            {
                if (FoldRow(_foldStaysPending, id, folded) == 1)
                {
                    continue;
                }

                generalOnly = true;
            }

            if (FoldRow(_fold, id, folded) != 1)
            {
                // Inventory rows are never deleted, so a journalled id always names a row.
                throw new ConnectorException($"The SQLite state store '{_dataSource}' has an inventory journal entry for row id {id}, which does not exist.", isTransient: false);
            }
        }

        if (lastBatch != 0)
        {
            raw.sqlite3_bind_int64(_delete, 1, lastBatch);
            Step(_delete);
        }

        Unfolded = 0;
        if (_mustFoldFirst || _known.Count >= MaxKnownRows)
        {
            _known.Clear();
            _mustFoldFirst = false;
        }

        _folded.Clear();
        _foldOrder.Clear();
    }

    private int FoldRow(sqlite3_stmt statement, long id, in FoldedRow folded)
    {
        raw.sqlite3_bind_int64(statement, 1, id);
        raw.sqlite3_bind_int(statement, 2, folded.Desired);
        raw.sqlite3_bind_int(statement, 3, folded.Changes);
        raw.sqlite3_bind_int64(statement, 4, folded.ChangedAt);
        BindTextOrNull(statement, 5, folded.Sku);
        Step(statement);
        return raw.sqlite3_changes(_db);
    }

    private static string? Text(sqlite3_stmt statement, int column) =>
        raw.sqlite3_column_type(statement, column) == raw.SQLITE_NULL ? null : raw.sqlite3_column_text(statement, column).utf8_to_string();

    private long ReadDataVersion()
    {
        try
        {
            var rc = raw.sqlite3_step(_dataVersion);
            if (rc != raw.SQLITE_ROW)
            {
                SqliteException.ThrowExceptionForRC(rc, _db);
            }

            return raw.sqlite3_column_int64(_dataVersion, 0);
        }
        finally
        {
            raw.sqlite3_reset(_dataVersion);
        }
    }

    private bool TryFind(InventoryKey key, out KnownRow row)
    {
        BindText(_find, 1, key.Channel);
        BindText(_find, 2, key.ChannelItemId);
        BindText(_find, 3, key.LocationId);
        try
        {
            var rc = raw.sqlite3_step(_find);
            if (rc == raw.SQLITE_ROW)
            {
                row = new KnownRow(
                    raw.sqlite3_column_int64(_find, 0),
                    raw.sqlite3_column_int(_find, 1),
                    Text(_find, 2));
                return true;
            }

            ThrowUnlessDone(rc);
            row = default;
            return false;
        }
        finally
        {
            raw.sqlite3_reset(_find);
        }
    }

    private long Insert(in DesiredInventory row)
    {
        BindText(_insert, 1, row.Key.Channel);
        BindText(_insert, 2, row.Key.ChannelItemId);
        BindText(_insert, 3, row.Key.LocationId);
        raw.sqlite3_bind_int(_insert, 4, row.Quantity);
        BindTextOrNull(_insert, 6, row.Sku);
        Step(_insert);
        return raw.sqlite3_last_insert_rowid(_db);
    }

    private sqlite3_stmt Prepare(string sql)
    {
        var rc = raw.sqlite3_prepare_v2(_db, sql, out var statement);
        SqliteException.ThrowExceptionForRC(rc, _db);
        return statement;
    }

    private void Step(sqlite3_stmt statement)
    {
        var rc = raw.sqlite3_step(statement);
        try
        {
            ThrowUnlessDone(rc);
        }
        finally
        {
            raw.sqlite3_reset(statement);
        }
    }

    private void ThrowUnlessDone(int rc)
    {
        if (rc != raw.SQLITE_DONE)
        {
            SqliteException.ThrowExceptionForRC(rc == raw.SQLITE_ROW ? raw.SQLITE_MISUSE : rc, _db);
        }
    }

    private void BindTextOrNull(sqlite3_stmt statement, int index, string? value)
    {
        if (value is null)
        {
            raw.sqlite3_bind_null(statement, index);
        }
        else
        {
            BindText(statement, index, value);
        }
    }

    private void BindText(sqlite3_stmt statement, int index, string value)
    {
        var max = Encoding.UTF8.GetMaxByteCount(value.Length);
        if (max > _utf8.Length)
        {
            _utf8 = new byte[Math.Max(max, _utf8.Length * 2)];
        }

        var length = Encoding.UTF8.GetBytes(value, _utf8);

        // SQLitePCLRaw binds a span with SQLITE_TRANSIENT: SQLite copies the bytes, so the buffer may be reused at once.
        var rc = raw.sqlite3_bind_text(statement, index, _utf8.AsSpan(0, length));
        SqliteException.ThrowExceptionForRC(rc, _db);
    }
}
