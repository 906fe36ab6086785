using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Connectors.Storage.Sqlite.Internal;

/// <summary>
/// The hot path of <see cref="ISyncStateStore.SetDesiredInventoryAsync"/>: desired rows written one by one through
/// statements prepared once on the writer connection and stepped directly (SQLitePCLRaw), inside the caller's
/// transaction. Used only by the single writer, under the store's gate.
/// </summary>
/// <remarks>
/// <para>
/// Each inventory row has an integer <c>id</c> that is never reused (<c>AUTOINCREMENT</c>; rows are never deleted), so
/// the key-to-id map cached here stays valid for ever, even with other processes writing the same file: a cached id
/// points at its key's row or at no row. An id enters the cache only once the transaction that inserted the row has
/// committed (<see cref="Commit"/>); <see cref="Rollback"/> forgets ids learnt in a batch that did not commit.
/// </para>
/// <para>
/// A row is written by the cheapest statement that applies:
/// <list type="number">
/// <item>known id, row already pending and staying pending: an update by id that touches no indexed column, so no index
/// is maintained (the common case in a burst of stock events); or, when the previous row of the batch was settled
/// (nothing unpushed), first an update by id of a settled row, which makes it pending (the pending index gains it);</item>
/// <item>known id otherwise: the general update by id, which sets the <c>pending</c> flag from the new quantity;</item>
/// <item>neither updated a row: the desired quantity was unchanged, or the id is unknown or stale — the row is looked up
/// by key, then updated by id or inserted.</item>
/// </list>
/// Every path leaves exactly the row the key-based upsert would: a changed desired quantity gets a new version,
/// attempts reset, due at <c>now</c>; an unchanged one is left as it is; a key repeated in the batch ends at its last
/// value.
/// </para>
/// </remarks>
internal sealed unsafe class InventoryWriter : IDisposable
{
    /// <summary>The most key-to-id entries kept; the cache starts over when it is full.</summary>
    public const int MaxCachedIds = 1_000_000;

    // ?1 id, ?2 desired, ?3 now, ?4 sku
    private const string UpdatePendingSql = """
        UPDATE inventory SET desired = ?2, version = version + 1, attempts = 0, next_attempt_at = ?3, updated_at = ?3,
            last_error = NULL, sku = coalesce(?4, sku)
        WHERE id = ?1 AND pending = 1 AND desired <> ?2 AND acknowledged IS NOT ?2
        """;

    // A row with nothing unpushed (pending = 0, so acknowledged = desired) whose desired quantity changes always
    // becomes pending: the flag and the pending index change.
    private const string UpdateSettledSql = """
        UPDATE inventory SET desired = ?2, version = version + 1, attempts = 0, next_attempt_at = ?3, updated_at = ?3,
            last_error = NULL, sku = coalesce(?4, sku), pending = 1
        WHERE id = ?1 AND pending = 0 AND desired <> ?2
        """;

    private const string UpdateSql = """
        UPDATE inventory SET desired = ?2, version = version + 1, attempts = 0, next_attempt_at = ?3, updated_at = ?3,
            last_error = NULL, sku = coalesce(?4, sku), pending = (acknowledged IS NOT ?2)
        WHERE id = ?1 AND desired <> ?2
        """;

    // ?1 channel, ?2 item, ?3 location
    private const string FindSql = "SELECT id FROM inventory WHERE channel = ?1 AND item_id = ?2 AND location_id = ?3";

    // ?1 channel, ?2 item, ?3 location, ?4 desired, ?5 now, ?6 sku
    private const string InsertSql = """
        INSERT INTO inventory (channel, item_id, location_id, desired, acknowledged, version, sku, attempts, next_attempt_at, updated_at, lease_until, last_error, pending)
        VALUES (?1, ?2, ?3, ?4, NULL, 1, ?6, 0, ?5, ?5, 0, NULL, 1)
        """;

    private const int CancellationCheckInterval = 128;

    private readonly sqlite3 _db;
    private readonly SqliteNative? _native;
    private readonly IntPtr _dbHandle;
    private readonly IntPtr _updatePendingHandle;
    private readonly IntPtr _updateHandle;
    private readonly IntPtr _updateSettledHandle;
    private readonly sqlite3_stmt _updatePending;
    private readonly sqlite3_stmt _updateSettled;
    private readonly sqlite3_stmt _update;
    private readonly sqlite3_stmt _find;
    private readonly sqlite3_stmt _insert;
    private readonly Dictionary<InventoryKey, long> _ids = [];
    private readonly List<InventoryKey> _learnt = [];
    private byte[] _utf8 = new byte[256];

    // The SKU of the native hot path is bound SQLITE_STATIC from this pinned buffer (no copy, no allocation inside SQLite).
    // The buffer is never replaced and outlives the statements (finalized in Dispose), and both update statements rebind
    // it before every step, so a binding never points at memory that changed underneath it.
    private readonly byte[] _skuText = GC.AllocateUninitializedArray<byte>(1024, pinned: true);
    private readonly byte* _skuTextPointer;

    /// <param name="writer">The open writer connection.</param>
    /// <param name="allowNative">Use <see cref="SqliteNative"/> when it is available (tests turn it off to cover the fallback).</param>
    public InventoryWriter(SqliteConnection writer, bool allowNative = true)
    {
        _db = writer.Handle ?? throw new InvalidOperationException("The writer connection is not open.");
        _updatePending = Prepare(UpdatePendingSql);
        _update = Prepare(UpdateSql);
        _updateSettled = Prepare(UpdateSettledSql);
        _find = Prepare(FindSql);
        _insert = Prepare(InsertSql);

        // The statements and the connection outlive every use of these raw handles (both are disposed in Dispose or
        // with the writer connection, after the last write).
        _native = allowNative ? SqliteNative.TryCreate() : null;
        _skuTextPointer = (byte*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_skuText));
        _dbHandle = _db.DangerousGetHandle();
        _updatePendingHandle = _updatePending.DangerousGetHandle();
        _updateHandle = _update.DangerousGetHandle();
        _updateSettledHandle = _updateSettled.DangerousGetHandle();
    }

    /// <summary>Whether the per-row calls go straight to the native library (see <see cref="SqliteNative"/>).</summary>
    public bool UsesNativeEntryPoints => _native is not null;

    /// <summary>How many key-to-id entries are cached (for tests).</summary>
    public int CachedIds => _ids.Count;

    /// <summary>Writes <paramref name="rows"/> inside the open transaction of the writer connection.</summary>
    /// <returns>How many rows changed.</returns>
    public int Write(IReadOnlyList<DesiredInventory> rows, long now, CancellationToken cancellationToken)
    {
        // The time is the same for every row: bound once (a reset keeps the bindings).
        raw.sqlite3_bind_int64(_updatePending, 3, now);
        raw.sqlite3_bind_int64(_update, 3, now);
        raw.sqlite3_bind_int64(_updateSettled, 3, now);

        // A burst tends to hit rows in the same state: try first the statement that matched the previous row (rows
        // already pending, or rows settled since their last change), then the general one.
        var settledFirst = false;
        raw.sqlite3_bind_int64(_insert, 5, now);
        var changed = 0;
        for (var i = 0; i < rows.Count; i++)
        {
            if (i % CancellationCheckInterval == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var row = rows[i];
            if (_ids.TryGetValue(row.Key, out var id))
            {
                if (settledFirst ? Update(_updateSettled, _updateSettledHandle, id, row) : Update(_updatePending, _updatePendingHandle, id, row))
                {
                    changed++;
                    continue;
                }

                if (Update(_update, _updateHandle, id, row))
                {
                    settledFirst = !settledFirst;
                    changed++;
                    continue;
                }
            }

            var found = Find(row.Key);
            if (found == 0)
            {
                Insert(row);
                Learn(row.Key, raw.sqlite3_last_insert_rowid(_db));
                changed++;
                continue;
            }

            if (found != id)
            {
                Learn(row.Key, found);
                if (Update(_update, _updateHandle, found, row))
                {
                    changed++;
                }
            }

            // found == id: both updates by id matched the row and left it alone, so its desired quantity is unchanged.
        }

        return changed;
    }

    /// <summary>The transaction committed: the ids learnt in it are for ever.</summary>
    public void Commit() => _learnt.Clear();

    /// <summary>The transaction rolled back: forget the ids learnt in it (their rows are gone, their ids may be reused).</summary>
    public void Rollback()
    {
        foreach (var key in _learnt)
        {
            _ids.Remove(key);
        }

        _learnt.Clear();
    }

    public void Dispose()
    {
        _updatePending.Dispose();
        _update.Dispose();
        _updateSettled.Dispose();
        _find.Dispose();
        _insert.Dispose();
    }

    private sqlite3_stmt Prepare(string sql)
    {
        var rc = raw.sqlite3_prepare_v2(_db, sql, out var statement);
        SqliteException.ThrowExceptionForRC(rc, _db);
        return statement;
    }

    private void Learn(InventoryKey key, long id)
    {
        if (_ids.Count >= MaxCachedIds && !_ids.ContainsKey(key))
        {
            // Starting over keeps memory bounded; ids learnt earlier in this batch are committed or rolled back with it,
            // and forgetting a committed id only costs a lookup by key later.
            _ids.Clear();
            _learnt.Clear();
        }

        _ids[key] = id;
        _learnt.Add(key);
    }

    private bool Update(sqlite3_stmt statement, IntPtr handle, long id, in DesiredInventory row)
    {
        if (_native is { } native)
        {
            native.BindInt64(handle, 1, id);
            native.BindInt64(handle, 2, row.Quantity);
            if (row.Sku is null)
            {
                native.BindNull(handle, 4);
            }
            else if (Encoding.UTF8.GetMaxByteCount(row.Sku.Length) <= _skuText.Length)
            {
                var length = Encoding.UTF8.GetBytes(row.Sku, _skuText);
                SqliteException.ThrowExceptionForRC(native.BindText(handle, 4, _skuTextPointer, length, SqliteNative.Static), _db);
            }
            else
            {
                var length = Encode(row.Sku);
                int bound;
                fixed (byte* text = _utf8)
                {
                    bound = native.BindText(handle, 4, text, length, SqliteNative.Transient);
                }

                SqliteException.ThrowExceptionForRC(bound, _db);
            }

            var rc = native.Step(handle);
            native.Reset(handle);
            if (rc != raw.SQLITE_DONE)
            {
                SqliteException.ThrowExceptionForRC(rc == raw.SQLITE_ROW ? raw.SQLITE_MISUSE : rc, _db);
            }

            return native.Changes(_dbHandle) > 0;
        }

        raw.sqlite3_bind_int64(statement, 1, id);
        raw.sqlite3_bind_int64(statement, 2, row.Quantity);
        BindTextOrNull(statement, 4, row.Sku);
        Step(statement);
        return raw.sqlite3_changes(_db) > 0;
    }

    private long Find(InventoryKey key)
    {
        BindText(_find, 1, key.Channel);
        BindText(_find, 2, key.ChannelItemId);
        BindText(_find, 3, key.LocationId);
        try
        {
            var rc = raw.sqlite3_step(_find);
            if (rc == raw.SQLITE_ROW)
            {
                return raw.sqlite3_column_int64(_find, 0);
            }

            if (rc != raw.SQLITE_DONE)
            {
                SqliteException.ThrowExceptionForRC(rc, _db);
            }

            return 0;
        }
        finally
        {
            raw.sqlite3_reset(_find);
        }
    }

    private void Insert(in DesiredInventory row)
    {
        BindText(_insert, 1, row.Key.Channel);
        BindText(_insert, 2, row.Key.ChannelItemId);
        BindText(_insert, 3, row.Key.LocationId);
        raw.sqlite3_bind_int64(_insert, 4, row.Quantity);
        BindTextOrNull(_insert, 6, row.Sku);
        Step(_insert);
    }

    private void Step(sqlite3_stmt statement)
    {
        var rc = raw.sqlite3_step(statement);
        try
        {
            if (rc != raw.SQLITE_DONE)
            {
                SqliteException.ThrowExceptionForRC(rc == raw.SQLITE_ROW ? raw.SQLITE_MISUSE : rc, _db);
            }
        }
        finally
        {
            raw.sqlite3_reset(statement);
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

    private int Encode(string value)
    {
        var max = Encoding.UTF8.GetMaxByteCount(value.Length);
        if (max > _utf8.Length)
        {
            _utf8 = new byte[Math.Max(max, _utf8.Length * 2)];
        }

        return Encoding.UTF8.GetBytes(value, _utf8);
    }

    private void BindText(sqlite3_stmt statement, int index, string value)
    {
        var length = Encode(value);

        // SQLitePCLRaw binds a span with SQLITE_TRANSIENT: SQLite copies the bytes, so the buffer may be reused at once.
        var rc = raw.sqlite3_bind_text(statement, index, _utf8.AsSpan(0, length));
        SqliteException.ThrowExceptionForRC(rc, _db);
    }
}
