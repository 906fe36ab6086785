using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using Connectors.Storage.Sqlite.Internal;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using static Connectors.Storage.Sqlite.Internal.TimeCodec;

namespace Connectors.Storage.Sqlite;

/// <summary>
/// An <see cref="ISyncStateStore"/> in one SQLite file: the durable default for a single host. A crash or restart
/// loses nothing that a call reported stored.
/// </summary>
/// <remarks>
/// <para>
/// The database runs in WAL mode. All writes go through one writer connection, one at a time, each call in one
/// immediate transaction, so every batch (for example a burst of <see cref="SetDesiredInventoryAsync"/> rows) is
/// one commit and atomic. Reads use the store's own read connections and never wait for the writer. Hot-path statements are
/// prepared once and reused.
/// </para>
/// <para>
/// A burst of desired quantities is appended to an inventory journal as one row and folded into the inventory table
/// before inventory is claimed, acknowledged, rescheduled or read (and when <see cref="SqliteStoreOptions.InventoryJournalLimit"/>
/// changes wait), so every call sees the rows a row-by-row write would have left.
/// </para>
/// <para>
/// The schema is created and migrated when the store opens (<see cref="InitializeAsync"/>, or the first call);
/// a file written by a newer version raises <see cref="SqliteSchemaVersionException"/> and is left untouched.
/// Several store instances, even in several processes, may open the same file: SQLite serialises their writes.
/// </para>
/// <para>
/// Retention: call <see cref="PruneAsync"/> periodically with <c>now - ConnectorsOptions.Retention</c>.
/// </para>
/// </remarks>
public sealed partial class SqliteSyncStateStore : ISyncStateStore, IOwnedWorkItemStore, IOwnedInventoryStore, IAsyncDisposable, IDisposable
{
    private const string InventoryColumns = "channel, item_id, location_id, desired, acknowledged, version, sku, attempts, next_attempt_at, updated_at, last_error";
    private const string WorkColumns = "seq, id, channel, kind, payload, enqueued_at, attempts, next_attempt_at, status, last_error";
    private const string DeadLetterColumns = "id, channel, flow, kind, reason, error_type, payload, attempts, first_attempt_at, dead_lettered_at, source_queue";
    private const string OrderColumns = "channel, order_id, version, status, warehouse_reference, payload, updated_at";

    /// <summary>The most items one group commit of <see cref="EnqueueAsync"/> calls writes.</summary>
    private const int MaxEnqueueBatch = 256;

    private const string EnqueueSql = """
        INSERT INTO work_items (queue, id, channel, kind, payload, enqueued_at, attempts, next_attempt_at, status, last_error, lease_until, completed_at)
        VALUES ($queue, $id, $channel, $kind, $payload, $at, 0, $at, 0, NULL, 0, NULL)
        ON CONFLICT (queue, id) DO NOTHING
        """;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ConcurrentQueue<EnqueueRequest> _enqueueRequests = new();
    private readonly List<EnqueueRequest> _enqueueBatch = []; // used only by the caller holding _enqueueDraining
    private int _enqueueDraining;
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);
    private readonly string _writerConnectionString;
    private readonly ReaderPool _readers;
    private readonly string _dataSource;
    private readonly bool _fullSync;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;
    private SqliteConnection? _writer;
    private readonly int _journalFoldThreshold;
    private InventoryJournal? _inventoryJournal; // writer-only, under _gate
    private volatile bool _initialized;
    private bool _disposed;

    /// <summary>Creates a store over the file named by <paramref name="options"/>; it opens on <see cref="InitializeAsync"/> or the first call.</summary>
    /// <param name="options">The settings; validated here (see <see cref="SqliteStoreOptions"/>).</param>
    /// <param name="logger">Where to log opening, migrations and pruning.</param>
    /// <param name="timeProvider">The clock for the schema history only; the store's data times are always passed in.</param>
    /// <exception cref="OptionsValidationException">The options are invalid; the message names the setting.</exception>
    public SqliteSyncStateStore(SqliteStoreOptions options, ILogger<SqliteSyncStateStore>? logger = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var validation = new SqliteStoreOptionsValidator().Validate(Options.DefaultName, options);
        if (validation.Failed)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(SqliteStoreOptions), validation.Failures ?? [validation.FailureMessage]);
        }

        var builder = new SqliteConnectionStringBuilder(options.ConnectionString)
        {
            DefaultTimeout = (int)Math.Ceiling(options.BusyTimeout.TotalSeconds),
        };
        _dataSource = Path.GetFullPath(builder.DataSource);
        builder.DataSource = _dataSource;
        _readers = new ReaderPool(builder.ConnectionString);
        builder.Pooling = false;
        _writerConnectionString = builder.ConnectionString;
        _fullSync = options.FullSync;
        _journalFoldThreshold = options.InventoryJournalLimit;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The full path of the database file.</summary>
    public string DataSource => _dataSource;

    /// <summary>The schema version this build creates and migrates to.</summary>
    public static int SchemaVersion => SqliteSchema.CurrentVersion;

    /// <summary>Creates a store and opens it (creating or migrating the schema).</summary>
    /// <param name="options">The settings.</param>
    /// <param name="logger">Where to log.</param>
    /// <param name="cancellationToken">Cancels opening.</param>
    /// <returns>The open store.</returns>
    /// <exception cref="SqliteSchemaVersionException">The file was written by a newer version.</exception>
    public static async ValueTask<SqliteSyncStateStore> OpenAsync(SqliteStoreOptions options, ILogger<SqliteSyncStateStore>? logger = null, CancellationToken cancellationToken = default)
    {
        var store = new SqliteSyncStateStore(options, logger);
        try
        {
            await store.InitializeAsync(cancellationToken).ConfigureAwait(false);
            return store;
        }
        catch
        {
            await store.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Opens the file: WAL mode, schema created or migrated. Called by the host at start (so a bad file fails the
    /// start), and otherwise by the first call. Safe to call more than once.
    /// </summary>
    /// <param name="cancellationToken">Cancels opening.</param>
    /// <returns>A task that completes when the store is ready.</returns>
    /// <exception cref="SqliteSchemaVersionException">The file was written by a newer version.</exception>
    public async ValueTask InitializeAsync(CancellationToken cancellationToken = default)
    {
        if (_initialized)
        {
            return;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await InitializeLockedAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    // Inventory ---------------------------------------------------------------------------------------------

    /// <inheritdoc />
    public async ValueTask<int> SetDesiredInventoryAsync(IReadOnlyList<DesiredInventory> rows, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            CheckKey(row.Key, $"rows[{i}].Key");
            if (row.Quantity < 0)
            {
                throw new ConnectorValidationException(nameof(DesiredInventory.Quantity), $"of {row.Key} must not be negative (was {row.Quantity}).");
            }
        }

        if (rows.Count == 0)
        {
            return 0;
        }

        // One transaction for the whole batch, appended to the inventory journal as one row (see InventoryJournal).
        return await WriteInventoryAsync(
            foldFirst: false,
            (_, journal) => new ValueTask<int>(journal.Write(rows, ToTicks(now), cancellationToken)),
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<InventoryRow>> ClaimPendingInventoryAsync(string channel, int maxRows, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxRows);
        var claimed = await WriteInventoryAsync(
            foldFirst: true,
            (_, journal) => new ValueTask<List<InventoryRow>>(journal.Claim(channel, maxRows, ToTicks(now), ToTicks(now + lease), NewLeaseToken(), cancellationToken)),
            cancellationToken).ConfigureAwait(false);

        // Already in due order, then item and location (the claim's ORDER BY; SQLite's byte order, see the README).
        return claimed;
    }

    /// <inheritdoc />
    public async ValueTask AcknowledgeInventoryAsync(IReadOnlyList<InventoryAcknowledgement> acknowledgements, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(acknowledgements);
        for (var i = 0; i < acknowledgements.Count; i++)
        {
            CheckKey(acknowledgements[i].Key, $"acknowledgements[{i}].Key");
        }

        if (acknowledgements.Count == 0)
        {
            return;
        }

        await WriteInventoryAsync(
            foldFirst: true,
            (_, journal) =>
            {
                journal.Acknowledge(acknowledgements, cancellationToken);
                return new ValueTask<int>(acknowledgements.Count);
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask RescheduleInventoryAsync(IReadOnlyList<InventoryKey> keys, DateTimeOffset nextAttemptAt, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        for (var i = 0; i < keys.Count; i++)
        {
            CheckKey(keys[i], $"keys[{i}]");
        }

        if (keys.Count == 0)
        {
            return;
        }

        await WriteInventoryAsync(
            foldFirst: true,
            async (scope, _) =>
            {
                var command = Prepared(
                    """
                    UPDATE inventory SET attempts = attempts + 1, next_attempt_at = $next, lease_until = 0, lease_owner = NULL, last_error = $reason
                    WHERE channel = $channel AND item_id = $item AND location_id = $location
                    """,
                    scope.Transaction,
                    "$channel",
                    "$item",
                    "$location",
                    "$next",
                    "$reason");
                var p = command.Parameters;
                p[3].Value = ToTicks(nextAttemptAt);
                p[4].Value = (object?)reason ?? DBNull.Value;
                foreach (var key in keys)
                {
                    p[0].Value = key.Channel;
                    p[1].Value = key.ChannelItemId;
                    p[2].Value = key.LocationId;
                    await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                return keys.Count;
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<int> ResumeInventoryAsync(IReadOnlyList<InventoryKey> keys, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        for (var i = 0; i < keys.Count; i++)
        {
            CheckKey(keys[i], $"keys[{i}]");
        }

        if (keys.Count == 0)
        {
            return 0;
        }

        // Folded first, so a quantity still in the journal decides whether the row is pending.
        return await WriteInventoryAsync(
            foldFirst: true,
            async (scope, _) =>
            {
                var command = Prepared(
                    """
                    UPDATE inventory SET attempts = 0, next_attempt_at = $now, last_error = NULL
                    WHERE channel = $channel AND item_id = $item AND location_id = $location AND pending = 1
                    """,
                    scope.Transaction,
                    "$channel",
                    "$item",
                    "$location",
                    "$now");
                var p = command.Parameters;
                p[3].Value = ToTicks(now);
                var resumed = 0;
                foreach (var key in new HashSet<InventoryKey>(keys))
                {
                    p[0].Value = key.Channel;
                    p[1].Value = key.ChannelItemId;
                    p[2].Value = key.LocationId;
                    resumed += await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                return resumed;
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<InventoryRow?> GetInventoryAsync(InventoryKey key, CancellationToken cancellationToken = default)
    {
        CheckKey(key, nameof(key));
        using (var lease = await OpenReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            var connection = lease.Connection;
            await FoldJournalBeforeReadAsync(connection, cancellationToken).ConfigureAwait(false);
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT {InventoryColumns} FROM inventory WHERE channel = $channel AND item_id = $item AND location_id = $location";
            command.Parameters.AddWithValue("$channel", key.Channel);
            command.Parameters.AddWithValue("$item", key.ChannelItemId);
            command.Parameters.AddWithValue("$location", key.LocationId);
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? ReadInventory(reader) : null;
            }
        }
    }

    /// <inheritdoc />
    public IAsyncEnumerable<InventoryRow> ListInventoryAsync(string channel, bool pendingOnly = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(channel);
        var sql = pendingOnly
            ? $"SELECT {InventoryColumns} FROM inventory WHERE channel = $channel AND pending = 1 ORDER BY item_id, location_id"
            : $"SELECT {InventoryColumns} FROM inventory WHERE channel = $channel ORDER BY item_id, location_id";
        return QueryAsync(sql, [("$channel", channel)], ReadInventory, cancellationToken, foldJournalFirst: true);
    }

    // Inbox and outbox --------------------------------------------------------------------------------------

    /// <inheritdoc />
    /// <remarks>
    /// Concurrent calls share transactions (group commit): the caller that finds no commit in progress writes the items
    /// queued so far, its own among them, in batches of up to <see cref="MaxEnqueueBatch"/>, and leaves what arrived
    /// meanwhile to a background drain; the others wait for the commit that holds theirs. A call returns only once its
    /// item is committed. Cancelling a call that is already waiting does not withdraw its item, which may still be
    /// stored (enqueueing is idempotent by id, so a retry finds it).
    /// </remarks>
    public async ValueTask<bool> EnqueueAsync(WorkQueue queue, WorkItem item, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(item.Id);
        ArgumentNullException.ThrowIfNull(item.Channel);
        ArgumentNullException.ThrowIfNull(item.Kind);
        ArgumentNullException.ThrowIfNull(item.Payload);
        cancellationToken.ThrowIfCancellationRequested();
        ObjectDisposedException.ThrowIf(_disposed, this);

        var request = new EnqueueRequest(queue, item);
        _enqueueRequests.Enqueue(request);

        // Only the holder of the drain flag takes requests off the queue, so this caller's request is still queued
        // until this caller writes it.
        if (Interlocked.CompareExchange(ref _enqueueDraining, 1, 0) == 0)
        {
            try
            {
                while (!request.Completion.IsCompleted)
                {
                    await WriteEnqueueBatchAsync().ConfigureAwait(false);
                }
            }
            finally
            {
                // Whatever happened here, the flag is passed on: a held flag would leave every later call waiting.
                if (_enqueueRequests.IsEmpty)
                {
                    ReleaseEnqueueDrain();
                }
                else
                {
                    _ = Task.Run(DrainEnqueueRequestsAsync, CancellationToken.None);
                }
            }
        }

        return await request.Completion.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<WorkItem>> ClaimAsync(WorkQueue queue, int maxItems, DateTimeOffset now, TimeSpan lease, string? channel = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxItems);
        var claimed = new List<(long Sequence, WorkItem Item)>();
        var scope = await BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        await using (scope.ConfigureAwait(false))
        {
            var command = Command(
                $"""
                UPDATE work_items SET lease_until = $lease, lease_owner = $owner, attempts = attempts + 1
                WHERE seq IN (
                    SELECT seq FROM work_items
                    WHERE queue = $queue AND status = 0 AND next_attempt_at <= $now AND lease_until <= $now
                        AND ($channel IS NULL OR channel = $channel)
                    ORDER BY enqueued_at, seq LIMIT $max)
                RETURNING {WorkColumns}
                """,
                scope.Transaction);
            var token = NewLeaseToken();
            command.Parameters.AddWithValue("$lease", ToTicks(now + lease));
            command.Parameters.AddWithValue("$owner", token);
            command.Parameters.AddWithValue("$queue", (int)queue);
            command.Parameters.AddWithValue("$now", ToTicks(now));
            command.Parameters.AddWithValue("$channel", (object?)channel ?? DBNull.Value);
            command.Parameters.AddWithValue("$max", maxItems);
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    claimed.Add((reader.GetInt64(0), ReadWorkItem(reader) with { LeaseToken = token }));
                }
            }

            await scope.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        claimed.Sort(static (a, b) =>
        {
            var byTime = a.Item.EnqueuedAt.CompareTo(b.Item.EnqueuedAt);
            return byTime != 0 ? byTime : a.Sequence.CompareTo(b.Sequence);
        });
        return [.. claimed.Select(c => c.Item)];
    }

    /// <inheritdoc />
    public async ValueTask CompleteAsync(WorkQueue queue, string id, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        await ExecuteWriteAsync(
            "UPDATE work_items SET status = 1, lease_until = 0, lease_owner = NULL, completed_at = $now WHERE queue = $queue AND id = $id",
            [("$now", ToTicks(now)), ("$queue", (int)queue), ("$id", id)],
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask RescheduleAsync(WorkQueue queue, string id, DateTimeOffset nextAttemptAt, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        await ExecuteWriteAsync(
            "UPDATE work_items SET next_attempt_at = $next, last_error = $reason, lease_until = 0, lease_owner = NULL WHERE queue = $queue AND id = $id AND status = 0",
            [("$next", ToTicks(nextAttemptAt)), ("$reason", reason), ("$queue", (int)queue), ("$id", id)],
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public ValueTask<DeadLetter?> MoveToDeadLetterAsync(WorkQueue queue, string id, string flow, string reason, string? errorType, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        MoveToDeadLetterCoreAsync(queue, id, null, flow, reason, errorType, now, cancellationToken);

    /// <summary>Dead-letters an item; with an <paramref name="owner"/>, only a pending item still leased to that owner.</summary>
    private async ValueTask<DeadLetter?> MoveToDeadLetterCoreAsync(
        WorkQueue queue, string id, string? owner, string flow, string reason, string? errorType, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(flow);
        ArgumentNullException.ThrowIfNull(reason);
        var scope = await BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        await using (scope.ConfigureAwait(false))
        {
            var update = Command(
                "UPDATE work_items SET status = 2, last_error = $reason, lease_until = 0, lease_owner = NULL WHERE queue = $queue AND id = $id"
                + (owner is null ? string.Empty : " AND status = 0 AND lease_owner = $owner")
                + " RETURNING channel, kind, payload, attempts, enqueued_at",
                scope.Transaction);
            if (owner is not null)
            {
                update.Parameters.AddWithValue("$owner", owner);
            }

            update.Parameters.AddWithValue("$reason", reason);
            update.Parameters.AddWithValue("$queue", (int)queue);
            update.Parameters.AddWithValue("$id", id);
            DeadLetter? deadLetter = null;
            var reader = await update.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    deadLetter = new DeadLetter
                    {
                        Id = id,
                        Channel = reader.GetString(0),
                        Flow = flow,
                        Kind = reader.GetString(1),
                        Reason = reason,
                        ErrorType = errorType,
                        Payload = reader.GetString(2),
                        Attempts = reader.GetInt32(3),
                        FirstAttemptAt = FromTicks(reader.GetInt64(4)),
                        DeadLetteredAt = now,
                        SourceQueue = queue,
                    };
                }
            }

            if (deadLetter is null)
            {
                return null;
            }

            await InsertDeadLetterAsync(deadLetter, scope.Transaction, cancellationToken).ConfigureAwait(false);
            await scope.CommitAsync(cancellationToken).ConfigureAwait(false);
            return deadLetter;
        }
    }

    /// <inheritdoc />
    public async ValueTask<WorkItem?> GetWorkItemAsync(WorkQueue queue, string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        return await QuerySingleAsync(
            $"SELECT {WorkColumns} FROM work_items WHERE queue = $queue AND id = $id",
            [("$queue", (int)queue), ("$id", id)],
            ReadWorkItem,
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<long> CountPendingAsync(WorkQueue queue, string? channel = null, CancellationToken cancellationToken = default)
    {
        using (var lease = await OpenReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            var connection = lease.Connection;
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM work_items WHERE queue = $queue AND status = 0 AND ($channel IS NULL OR channel = $channel)";
            command.Parameters.AddWithValue("$queue", (int)queue);
            command.Parameters.AddWithValue("$channel", (object?)channel ?? DBNull.Value);
            var count = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            return Convert.ToInt64(count, CultureInfo.InvariantCulture);
        }
    }

    // Dead letters ------------------------------------------------------------------------------------------

    /// <inheritdoc />
    public async ValueTask AddDeadLetterAsync(DeadLetter deadLetter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(deadLetter);
        var scope = await BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        await using (scope.ConfigureAwait(false))
        {
            await InsertDeadLetterAsync(deadLetter, scope.Transaction, cancellationToken).ConfigureAwait(false);
            await scope.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public IAsyncEnumerable<DeadLetter> ListDeadLettersAsync(string? channel = null, CancellationToken cancellationToken = default) =>
        QueryAsync(
            $"SELECT {DeadLetterColumns} FROM dead_letters WHERE ($channel IS NULL OR channel = $channel) ORDER BY dead_lettered_at, id",
            [("$channel", channel)],
            ReadDeadLetter,
            cancellationToken);

    /// <inheritdoc />
    public async ValueTask<IReadOnlyDictionary<string, int>> CountDeadLettersAsync(CancellationToken cancellationToken = default)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        await foreach (var (channel, count) in QueryAsync(
            "SELECT channel, COUNT(*) FROM dead_letters GROUP BY channel", [], static r => (r.GetString(0), r.GetInt32(1)), cancellationToken).ConfigureAwait(false))
        {
            counts[channel] = count;
        }

        return counts;
    }

    /// <inheritdoc />
    public async ValueTask<DeadLetter?> GetDeadLetterAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        return await QuerySingleAsync($"SELECT {DeadLetterColumns} FROM dead_letters WHERE id = $id", [("$id", id)], ReadDeadLetter, cancellationToken)
            .ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<bool> RemoveDeadLetterAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        return await ExecuteWriteAsync("DELETE FROM dead_letters WHERE id = $id", [("$id", id)], cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <inheritdoc />
    public async ValueTask<bool> ReplayDeadLetterAsync(string id, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        var scope = await BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        await using (scope.ConfigureAwait(false))
        {
            var select = Command("SELECT source_queue FROM dead_letters WHERE id = $id", scope.Transaction);
            select.Parameters.AddWithValue("$id", id);
            var sourceQueue = await select.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            if (sourceQueue is null or DBNull)
            {
                return false;
            }

            var requeue = Command(
                "UPDATE work_items SET status = 0, attempts = 0, next_attempt_at = $now, last_error = NULL, lease_until = 0, lease_owner = NULL WHERE queue = $queue AND id = $id",
                scope.Transaction);
            requeue.Parameters.AddWithValue("$now", ToTicks(now));
            requeue.Parameters.AddWithValue("$queue", Convert.ToInt32(sourceQueue, CultureInfo.InvariantCulture));
            requeue.Parameters.AddWithValue("$id", id);
            if (await requeue.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 0)
            {
                return false;
            }

            var delete = Command("DELETE FROM dead_letters WHERE id = $id", scope.Transaction);
            delete.Parameters.AddWithValue("$id", id);
            await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            await scope.CommitAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
    }

    // Cursors and idempotency -------------------------------------------------------------------------------

    /// <inheritdoc />
    public async ValueTask<SyncCursor?> GetCursorAsync(string channel, string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentNullException.ThrowIfNull(name);
        return await QuerySingleAsync(
            "SELECT channel, name, value, version FROM cursors WHERE channel = $channel AND name = $name",
            [("$channel", channel), ("$name", name)],
            static r => new SyncCursor
            {
                Channel = r.GetString(0),
                Name = r.GetString(1),
                Value = r.GetString(2),
                Version = r.GetInt64(3),
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<bool> TrySetCursorAsync(string channel, string name, string value, long expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(value);
        var sql = expectedVersion == 0
            ? "INSERT INTO cursors (channel, name, value, version) VALUES ($channel, $name, $value, 1) ON CONFLICT (channel, name) DO NOTHING"
            : "UPDATE cursors SET value = $value, version = version + 1 WHERE channel = $channel AND name = $name AND version = $expected";
        var changed = await ExecuteWriteAsync(
            sql,
            [("$channel", channel), ("$name", name), ("$value", value), ("$expected", expectedVersion)],
            cancellationToken).ConfigureAwait(false);
        return changed == 1;
    }

    /// <inheritdoc />
    public async ValueTask<bool> TryDeleteCursorAsync(string channel, string name, long expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentNullException.ThrowIfNull(name);
        var deleted = await ExecuteWriteAsync(
            "DELETE FROM cursors WHERE channel = $channel AND name = $name AND version = $expected",
            [("$channel", channel), ("$name", name), ("$expected", expectedVersion)],
            cancellationToken).ConfigureAwait(false);
        return deleted == 1;
    }

    /// <inheritdoc />
    public async ValueTask<bool> TryAddIdempotencyKeyAsync(string key, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        var changed = await ExecuteWriteAsync(
            "INSERT INTO idempotency_keys (key, recorded_at) VALUES ($key, $now) ON CONFLICT (key) DO NOTHING",
            [("$key", key), ("$now", ToTicks(now))],
            cancellationToken).ConfigureAwait(false);
        return changed == 1;
    }

    // Orders and reservations -------------------------------------------------------------------------------

    /// <inheritdoc />
    public async ValueTask<OrderRecord?> GetOrderRecordAsync(string channel, string orderId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentNullException.ThrowIfNull(orderId);
        return await QuerySingleAsync(
            $"SELECT {OrderColumns} FROM order_records WHERE channel = $channel AND order_id = $order",
            [("$channel", channel), ("$order", orderId)],
            ReadOrderRecord,
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask UpsertOrderRecordAsync(OrderRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(record.Channel);
        ArgumentNullException.ThrowIfNull(record.OrderId);
        await ExecuteWriteAsync(
            $"INSERT OR REPLACE INTO order_records ({OrderColumns}) VALUES ($channel, $order, $version, $status, $reference, $payload, $updated)",
            [
                ("$channel", record.Channel), ("$order", record.OrderId), ("$version", ToTicks(record.Version)), ("$status", (int)record.Status),
                ("$reference", record.WarehouseReference), ("$payload", record.Payload), ("$updated", ToTicks(record.UpdatedAt)),
            ],
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public IAsyncEnumerable<OrderRecord> ListOrderRecordsAsync(string channel, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(channel);
        return QueryAsync($"SELECT {OrderColumns} FROM order_records WHERE channel = $channel ORDER BY order_id", [("$channel", channel)], ReadOrderRecord, cancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask SetReservationAsync(PendingReservation reservation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reservation);
        ArgumentNullException.ThrowIfNull(reservation.Channel);
        ArgumentNullException.ThrowIfNull(reservation.OrderId);
        ArgumentNullException.ThrowIfNull(reservation.Quantities);
        var scope = await BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        await using (scope.ConfigureAwait(false))
        {
            var upsert = Command("INSERT OR REPLACE INTO reservations (channel, order_id, created_at) VALUES ($channel, $order, $created)", scope.Transaction);
            upsert.Parameters.AddWithValue("$channel", reservation.Channel);
            upsert.Parameters.AddWithValue("$order", reservation.OrderId);
            upsert.Parameters.AddWithValue("$created", ToTicks(reservation.CreatedAt));
            await upsert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            await DeleteReservationLinesAsync(reservation.Channel, reservation.OrderId, scope.Transaction, cancellationToken).ConfigureAwait(false);
            var line = Prepared(
                "INSERT INTO reservation_lines (channel, order_id, ordinal, sku, quantity) VALUES ($channel, $order, $ordinal, $sku, $quantity)",
                scope.Transaction,
                "$channel",
                "$order",
                "$ordinal",
                "$sku",
                "$quantity");
            var p = line.Parameters;
            p[0].Value = reservation.Channel;
            p[1].Value = reservation.OrderId;
            for (var i = 0; i < reservation.Quantities.Count; i++)
            {
                var quantity = reservation.Quantities[i];
                p[2].Value = i;
                p[3].Value = quantity.Sku;
                p[4].Value = quantity.Quantity.ToString(CultureInfo.InvariantCulture);
                await line.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await scope.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async ValueTask<bool> RemoveReservationAsync(string channel, string orderId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentNullException.ThrowIfNull(orderId);
        var scope = await BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        await using (scope.ConfigureAwait(false))
        {
            await DeleteReservationLinesAsync(channel, orderId, scope.Transaction, cancellationToken).ConfigureAwait(false);
            var delete = Command("DELETE FROM reservations WHERE channel = $channel AND order_id = $order", scope.Transaction);
            delete.Parameters.AddWithValue("$channel", channel);
            delete.Parameters.AddWithValue("$order", orderId);
            var removed = await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            await scope.CommitAsync(cancellationToken).ConfigureAwait(false);
            return removed == 1;
        }
    }

    /// <inheritdoc />
    public IAsyncEnumerable<PendingReservation> ListReservationsAsync(CancellationToken cancellationToken = default) => ListReservationsCoreAsync(cancellationToken);

    // Retention ---------------------------------------------------------------------------------------------

    /// <inheritdoc />
    /// <remarks>Hosts call this periodically with <c>now - ConnectorsOptions.Retention</c>; it runs as one transaction.</remarks>
    public async ValueTask<long> PruneAsync(DateTimeOffset olderThan, CancellationToken cancellationToken = default)
    {
        long removed = 0;
        var scope = await BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        await using (scope.ConfigureAwait(false))
        {
            var items = Command("DELETE FROM work_items WHERE status = 1 AND completed_at < $cutoff", scope.Transaction);
            items.Parameters.AddWithValue("$cutoff", ToTicks(olderThan));
            removed += await items.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            var keys = Command("DELETE FROM idempotency_keys WHERE recorded_at < $cutoff", scope.Transaction);
            keys.Parameters.AddWithValue("$cutoff", ToTicks(olderThan));
            removed += await keys.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);

            // Per-order lock rows a holder left behind (it died before releasing, and the order never came again).
            var locks = Command(
                "DELETE FROM cursors WHERE name LIKE 'order-lock|%' AND CAST(substr(value, instr(value, '|') + 1) AS INTEGER) < $cutoff",
                scope.Transaction);
            locks.Parameters.AddWithValue("$cutoff", ToTicks(olderThan));
            removed += await locks.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            await scope.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        Log.Pruned(_logger, removed, olderThan, _dataSource);
        return removed;
    }

    // Lifetime ----------------------------------------------------------------------------------------------

    /// <summary>Closes the writer connection and this store's read connections. Committed data is already on disk.</summary>
    public void Dispose()
    {
        _gate.Wait();
        try
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            foreach (var command in _commands.Values)
            {
                command.Dispose();
            }

            _inventoryJournal?.Dispose();
            _inventoryJournal = null;

            _commands.Clear();
            if (_writer is not null)
            {
                _writer.Dispose();
                _writer = null;
            }

            _readers.Dispose();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc cref="Dispose" />
    /// <returns>A task that completes when closed.</returns>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    // Internals ---------------------------------------------------------------------------------------------

    private static void CheckKey(InventoryKey key, string field)
    {
        if (key.Channel is null || key.ChannelItemId is null || key.LocationId is null)
        {
            throw new ConnectorValidationException(field, "must have a channel, an item id and a location id.");
        }
    }

    private static InventoryRow ReadInventory(SqliteDataReader r) => new()
    {
        Key = new InventoryKey(r.GetString(0), r.GetString(1), r.GetString(2)),
        Desired = r.GetInt32(3),
        Acknowledged = r.IsDBNull(4) ? null : r.GetInt32(4),
        Version = r.GetInt64(5),
        Sku = r.IsDBNull(6) ? null : r.GetString(6),
        Attempts = r.GetInt32(7),
        NextAttemptAt = FromTicks(r.GetInt64(8)),
        UpdatedAt = FromTicks(r.GetInt64(9)),
        LastError = r.IsDBNull(10) ? null : r.GetString(10),
    };

    private static WorkItem ReadWorkItem(SqliteDataReader r) => new()
    {
        Id = r.GetString(1),
        Channel = r.GetString(2),
        Kind = r.GetString(3),
        Payload = r.GetString(4),
        EnqueuedAt = FromTicks(r.GetInt64(5)),
        Attempts = r.GetInt32(6),
        NextAttemptAt = FromTicks(r.GetInt64(7)),
        Status = (WorkItemStatus)r.GetInt32(8),
        LastError = r.IsDBNull(9) ? null : r.GetString(9),
    };

    private static DeadLetter ReadDeadLetter(SqliteDataReader r) => new()
    {
        Id = r.GetString(0),
        Channel = r.GetString(1),
        Flow = r.GetString(2),
        Kind = r.GetString(3),
        Reason = r.GetString(4),
        ErrorType = r.IsDBNull(5) ? null : r.GetString(5),
        Payload = r.GetString(6),
        Attempts = r.GetInt32(7),
        FirstAttemptAt = FromTicks(r.GetInt64(8)),
        DeadLetteredAt = FromTicks(r.GetInt64(9)),
        SourceQueue = r.IsDBNull(10) ? null : (WorkQueue)r.GetInt32(10),
    };

    private static OrderRecord ReadOrderRecord(SqliteDataReader r) => new()
    {
        Channel = r.GetString(0),
        OrderId = r.GetString(1),
        Version = FromTicks(r.GetInt64(2)),
        Status = (OrderRecordStatus)r.GetInt32(3),
        WarehouseReference = r.IsDBNull(4) ? null : r.GetString(4),
        Payload = r.IsDBNull(5) ? null : r.GetString(5),
        UpdatedAt = FromTicks(r.GetInt64(6)),
    };

    private async ValueTask InitializeLockedAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_initialized)
        {
            return;
        }

        var writer = new SqliteConnection(_writerConnectionString);
        try
        {
            try
            {
                await writer.OpenAsync(cancellationToken).ConfigureAwait(false);

                // Refuse a newer file before changing anything in it, even its journal mode.
                SqliteMigrator.EnsureSupported(
                    await SqliteMigrator.ReadVersionAsync(writer, null, cancellationToken).ConfigureAwait(false), SqliteSchema.Migrations, _dataSource);
                using (var pragma = writer.CreateCommand())
                {
                    pragma.CommandText = "PRAGMA journal_mode = WAL";
                    var mode = Convert.ToString(await pragma.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
                    if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
                    {
                        throw new ConnectorException($"The SQLite state store '{_dataSource}' could not switch to WAL mode (journal mode is '{mode}'); use a local file system.");
                    }

                    pragma.CommandText = _fullSync ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL";
                    await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                var (from, to) = await SqliteMigrator.MigrateAsync(writer, SqliteSchema.Migrations, _dataSource, _timeProvider.GetUtcNow(), cancellationToken)
                    .ConfigureAwait(false);
                if (from != to)
                {
                    Log.Migrated(_logger, _dataSource, from, to);
                }

                Log.Opened(_logger, _dataSource, to);
            }
            catch (SqliteException ex)
            {
                throw new ConnectorException($"The SQLite state store '{_dataSource}' could not be opened: {ex.Message}", isTransient: false, ex);
            }
        }
        catch
        {
            await writer.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        _writer = writer;
        _initialized = true;
    }

    private async ValueTask<WriteScope> BeginWriteAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!_initialized)
            {
                await InitializeLockedAsync(cancellationToken).ConfigureAwait(false);
            }

            return new WriteScope(_gate, _writer!.BeginTransaction(deferred: false));
        }
        catch
        {
            _gate.Release();
            throw;
        }
    }

    private async ValueTask<ReaderLease> OpenReaderAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!_initialized)
        {
            await InitializeAsync(cancellationToken).ConfigureAwait(false);
        }

        return new ReaderLease(_readers, await _readers.RentAsync(cancellationToken).ConfigureAwait(false));
    }

    /// <summary>A cached writer command for <paramref name="sql"/> (its statement stays prepared), parameters cleared.</summary>
    private SqliteCommand Command(string sql, SqliteTransaction transaction)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = _writer!.CreateCommand();
            command.CommandText = sql;
            _commands.Add(sql, command);
        }

        command.Transaction = transaction;
        command.Parameters.Clear();
        return command;
    }

    /// <summary>A cached, prepared writer command whose parameters exist once, in the given order; callers set their values.</summary>
    private SqliteCommand Prepared(string sql, SqliteTransaction transaction, params ReadOnlySpan<string> parameterNames)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = _writer!.CreateCommand();
            command.CommandText = sql;
            command.Transaction = transaction;
            foreach (var name in parameterNames)
            {
                command.Parameters.Add(new SqliteParameter(name, DBNull.Value));
            }

            command.Prepare();
            _commands.Add(sql, command);
        }

        command.Transaction = transaction;
        return command;
    }

    /// <summary>Writes queued <see cref="EnqueueAsync"/> items until the queue is empty, then gives up the drain flag.</summary>
    private async Task DrainEnqueueRequestsAsync()
    {
        try
        {
            while (await WriteEnqueueBatchAsync().ConfigureAwait(false))
            {
            }
        }
        finally
        {
            ReleaseEnqueueDrain();
        }
    }

    /// <summary>
    /// Gives up the drain flag. A request queued after the queue was last seen empty is drained here in the background,
    /// unless its own caller already took the flag.
    /// </summary>
    private void ReleaseEnqueueDrain()
    {
        Volatile.Write(ref _enqueueDraining, 0);
        if (!_enqueueRequests.IsEmpty && Interlocked.CompareExchange(ref _enqueueDraining, 1, 0) == 0)
        {
            _ = Task.Run(DrainEnqueueRequestsAsync, CancellationToken.None);
        }
    }

    /// <summary>
    /// Writes up to <see cref="MaxEnqueueBatch"/> queued <see cref="EnqueueAsync"/> items in one transaction and completes
    /// each request with its result, or every request of a failed batch with the error. Runs without any caller's
    /// cancellation: the batch holds other callers' items. Called only by the holder of the drain flag.
    /// </summary>
    /// <returns>Whether there was anything to write.</returns>
    private async Task<bool> WriteEnqueueBatchAsync()
    {
        _enqueueBatch.Clear();
        while (_enqueueBatch.Count < MaxEnqueueBatch && _enqueueRequests.TryDequeue(out var next))
        {
            _enqueueBatch.Add(next);
        }

        if (_enqueueBatch.Count == 0)
        {
            return false;
        }

        var added = new bool[_enqueueBatch.Count];
        try
        {
            var scope = await BeginWriteAsync(CancellationToken.None).ConfigureAwait(false);
            await using (scope.ConfigureAwait(false))
            {
                var command = Prepared(EnqueueSql, scope.Transaction, "$queue", "$id", "$channel", "$kind", "$payload", "$at");
                var p = command.Parameters;
                for (var i = 0; i < _enqueueBatch.Count; i++)
                {
                    var (queue, item) = (_enqueueBatch[i].Queue, _enqueueBatch[i].Item);
                    p[0].Value = (int)queue;
                    p[1].Value = item.Id;
                    p[2].Value = item.Channel;
                    p[3].Value = item.Kind;
                    p[4].Value = item.Payload;
                    p[5].Value = ToTicks(item.EnqueuedAt);
                    added[i] = await command.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false) == 1;
                }

                await scope.CommitAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (Exception ex)
        {
            foreach (var request in _enqueueBatch)
            {
                request.Fail(ex);
            }

            return true;
        }

        for (var i = 0; i < _enqueueBatch.Count; i++)
        {
            _enqueueBatch[i].Complete(added[i]);
        }

        return true;
    }

    /// <summary>The writer's inventory journal (created on first use, under the gate).</summary>
    private InventoryJournal Journal => _inventoryJournal ??= new InventoryJournal(_writer!, _journalFoldThreshold);

    /// <summary>
    /// Runs <paramref name="body"/> in one write transaction on the inventory, folding the journal first when
    /// <paramref name="foldFirst"/>, and tells the journal whether the transaction committed, so that what it learnt or
    /// folded inside a transaction that rolled back is undone with it.
    /// </summary>
    private async ValueTask<T> WriteInventoryAsync<T>(bool foldFirst, Func<WriteScope, InventoryJournal, ValueTask<T>> body, CancellationToken cancellationToken)
    {
        var scope = await BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        await using (scope.ConfigureAwait(false))
        {
            var journal = Journal;
            T result;
            try
            {
                if (foldFirst)
                {
                    journal.Synchronize(foldEverything: true);
                }

                result = await body(scope, journal).ConfigureAwait(false);
                await scope.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                journal.Rollback();
                throw;
            }

            journal.Commit();
            return result;
        }
    }

    /// <summary>
    /// Before a read of inventory rows on a reader connection: when anything waits in the journal (journalled by this
    /// store or by another on the same file), fold it through the writer, so the read sees every committed change.
    /// </summary>
    private async ValueTask FoldJournalBeforeReadAsync(SqliteConnection reader, CancellationToken cancellationToken)
    {
        using (var probe = reader.CreateCommand())
        {
            probe.CommandText = "SELECT EXISTS (SELECT 1 FROM inventory_journal)";
            if (Convert.ToInt64(await probe.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture) == 0)
            {
                return;
            }
        }

        await WriteInventoryAsync(foldFirst: true, static (_, _) => new ValueTask<int>(0), cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<int> ExecuteWriteAsync(string sql, (string Name, object? Value)[] parameters, CancellationToken cancellationToken)
    {
        var scope = await BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        await using (scope.ConfigureAwait(false))
        {
            var command = Command(sql, scope.Transaction);
            foreach (var (name, value) in parameters)
            {
                command.Parameters.AddWithValue(name, value ?? DBNull.Value);
            }

            var changed = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            await scope.CommitAsync(cancellationToken).ConfigureAwait(false);
            return changed;
        }
    }

    private async ValueTask InsertDeadLetterAsync(DeadLetter d, SqliteTransaction transaction, CancellationToken cancellationToken)
    {
        var insert = Command($"INSERT OR REPLACE INTO dead_letters ({DeadLetterColumns}) VALUES ($id, $channel, $flow, $kind, $reason, $error, $payload, $attempts, $first, $dead, $queue)", transaction);
        var p = insert.Parameters;
        p.AddWithValue("$id", d.Id);
        p.AddWithValue("$channel", d.Channel);
        p.AddWithValue("$flow", d.Flow);
        p.AddWithValue("$kind", d.Kind);
        p.AddWithValue("$reason", d.Reason);
        p.AddWithValue("$error", (object?)d.ErrorType ?? DBNull.Value);
        p.AddWithValue("$payload", d.Payload);
        p.AddWithValue("$attempts", d.Attempts);
        p.AddWithValue("$first", ToTicks(d.FirstAttemptAt));
        p.AddWithValue("$dead", ToTicks(d.DeadLetteredAt));
        p.AddWithValue("$queue", d.SourceQueue is { } q ? (int)q : DBNull.Value);
        await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask DeleteReservationLinesAsync(string channel, string orderId, SqliteTransaction transaction, CancellationToken cancellationToken)
    {
        var delete = Command("DELETE FROM reservation_lines WHERE channel = $channel AND order_id = $order", transaction);
        delete.Parameters.AddWithValue("$channel", channel);
        delete.Parameters.AddWithValue("$order", orderId);
        await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<T?> QuerySingleAsync<T>(string sql, (string Name, object? Value)[] parameters, Func<SqliteDataReader, T> read, CancellationToken cancellationToken)
        where T : class
    {
        // Leaving the loop disposes the enumerator, which closes the reader and returns the connection.
        await foreach (var row in QueryAsync(sql, parameters, read, cancellationToken).ConfigureAwait(false))
        {
            return row;
        }

        return null;
    }

    private async IAsyncEnumerable<T> QueryAsync<T>(
        string sql,
        (string Name, object? Value)[] parameters,
        Func<SqliteDataReader, T> read,
        [EnumeratorCancellation] CancellationToken cancellationToken,
        bool foldJournalFirst = false)
    {
        using (var lease = await OpenReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            var connection = lease.Connection;
            if (foldJournalFirst)
            {
                await FoldJournalBeforeReadAsync(connection, cancellationToken).ConfigureAwait(false);
            }

            using var command = connection.CreateCommand();
            command.CommandText = sql;
            foreach (var (name, value) in parameters)
            {
                command.Parameters.AddWithValue(name, value ?? DBNull.Value);
            }

            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    yield return read(reader);
                }
            }
        }
    }

    private async IAsyncEnumerable<PendingReservation> ListReservationsCoreAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using (var lease = await OpenReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            var connection = lease.Connection;
            using var command = connection.CreateCommand();
            command.CommandText = """
                SELECT r.channel, r.order_id, r.created_at, l.sku, l.quantity
                FROM reservations r LEFT JOIN reservation_lines l ON l.channel = r.channel AND l.order_id = r.order_id
                ORDER BY r.channel, r.order_id, l.ordinal
                """;
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                PendingReservation? current = null;
                List<ReservedQuantity> lines = [];
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    var channel = reader.GetString(0);
                    var orderId = reader.GetString(1);
                    if (current is null || !string.Equals(current.Channel, channel, StringComparison.Ordinal) || !string.Equals(current.OrderId, orderId, StringComparison.Ordinal))
                    {
                        if (current is not null)
                        {
                            yield return current with { Quantities = lines };
                        }

                        lines = [];
                        current = new PendingReservation
                        {
                            Channel = channel,
                            OrderId = orderId,
                            Quantities = [],
                            CreatedAt = FromTicks(reader.GetInt64(2)),
                        };
                    }

                    if (!reader.IsDBNull(3))
                    {
                        lines.Add(new ReservedQuantity(reader.GetString(3), decimal.Parse(reader.GetString(4), NumberStyles.Number, CultureInfo.InvariantCulture)));
                    }
                }

                if (current is not null)
                {
                    yield return current with { Quantities = lines };
                }
            }
        }
    }
}
