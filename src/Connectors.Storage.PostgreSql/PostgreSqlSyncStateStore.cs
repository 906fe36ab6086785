using System.Runtime.CompilerServices;
using Connectors.Storage.PostgreSql.Internal;
using Npgsql;
using NpgsqlTypes;

namespace Connectors.Storage.PostgreSql;

/// <summary>
/// An <see cref="ISyncStateStore"/> on PostgreSQL, shared by several host instances. Work is claimed with
/// <c>FOR UPDATE SKIP LOCKED</c> and a lease, so two hosts never hold one item at once and a dead host's items are
/// taken over when the lease runs out; cursors use optimistic versions. The schema is created or migrated on first
/// use under an advisory lock. Times are stored as UTC ticks, so they round-trip exactly.
/// </summary>
/// <remarks>
/// Leases are owned and kept on the database's clock: every claim writes a new owner token, writes under a claim check
/// it (<see cref="IOwnedWorkItemStore"/>, <see cref="IOwnedInventoryStore"/>), and lease expiry is computed and compared
/// with the server's <c>now()</c>, never a host's clock, so a host whose clock is off neither takes a live lease early nor
/// keeps a dead one. Due times (<c>next_attempt_at</c>) stay on the callers' clocks, as passed in.
/// </remarks>
public sealed partial class PostgreSqlSyncStateStore : ISyncStateStore, IOwnedWorkItemStore, IOwnedInventoryStore, IAsyncDisposable, IDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly string _s;
    private readonly Lock _migrationGate = new();
    private Task? _migration;

    /// <summary>Creates a store; the schema is created or migrated on first use.</summary>
    /// <param name="options">The settings.</param>
    /// <exception cref="ConnectorValidationException">The schema name is not a plain identifier.</exception>
    public PostgreSqlSyncStateStore(PostgreSqlStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!PostgreSqlStoreOptionsValidator.IsIdentifier(options.Schema))
        {
            throw new ConnectorValidationException(nameof(options.Schema), $"'{options.Schema}' is not a plain identifier (letters, digits, underscores).");
        }

        _dataSource = NpgsqlDataSource.Create(options.ConnectionString);
        _s = options.Schema;
    }

    /// <summary>Creates or migrates the schema now instead of on first use.</summary>
    /// <param name="cancellationToken">Cancels the wait (the migration itself completes).</param>
    /// <returns>A task that completes when the schema is current.</returns>
    public Task MigrateAsync(CancellationToken cancellationToken = default) => EnsureMigratedAsync().WaitAsync(cancellationToken);

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    /// <inheritdoc />
    public void Dispose() => _dataSource.Dispose();

    /// <summary>The last row per key, each validated: a batch may name a key twice, and only its last quantity counts.</summary>
    private static Dictionary<InventoryKey, DesiredInventory> LastPerKey(IReadOnlyList<DesiredInventory> rows)
    {
        var last = new Dictionary<InventoryKey, DesiredInventory>(rows.Count);
        foreach (var row in rows)
        {
            if (row.Quantity < 0)
            {
                throw new ConnectorValidationException(nameof(DesiredInventory.Quantity), $"of {row.Key} must not be negative (was {row.Quantity}).");
            }

            last[row.Key] = row;
        }

        return last;
    }

    /// <inheritdoc />
    public async ValueTask<int> SetDesiredInventoryAsync(IReadOnlyList<DesiredInventory> rows, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            return 0;
        }

        // ON CONFLICT cannot touch one row twice in a statement: keep the last entry per key.
        var last = LastPerKey(rows);

        var values = last.Values;
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionScope = connection.ConfigureAwait(false);
        using var command = new NpgsqlCommand(
            $"""
            INSERT INTO {_s}.inventory AS t (channel, item, location, desired, version, sku, next_attempt_at, updated_at)
            SELECT c, i, l, q, 1, s, @now, @now FROM unnest(@c, @i, @l, @q, @sku) AS u(c, i, l, q, s)
            ON CONFLICT (channel, item, location) DO UPDATE
               SET desired = excluded.desired, version = t.version + 1, attempts = 0, next_attempt_at = @now,
                   updated_at = @now, last_error = NULL, sku = coalesce(excluded.sku, t.sku)
             WHERE t.desired <> excluded.desired
            """,
            connection);
        command.Parameters.AddWithValue("now", now.UtcTicks);
        command.Parameters.Add(new NpgsqlParameter("c", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = values.Select(v => v.Key.Channel).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("i", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = values.Select(v => v.Key.ChannelItemId).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("l", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = values.Select(v => v.Key.LocationId).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("q", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = values.Select(v => v.Quantity).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("sku", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = values.Select(v => (object?)v.Sku ?? DBNull.Value).ToArray() });
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<InventoryRow>> ClaimPendingInventoryAsync(string channel, int maxRows, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxRows);
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionScope = connection.ConfigureAwait(false);
        using var command = new NpgsqlCommand(
            $"""
            UPDATE {_s}.inventory AS t SET lease_until = {DbNow} + @lease, lease_owner = @owner
              FROM (SELECT channel, item, location FROM {_s}.inventory
                     WHERE channel = @channel AND acknowledged IS DISTINCT FROM desired
                       AND next_attempt_at <= @now AND lease_until <= {DbNow}
                     ORDER BY next_attempt_at LIMIT @max FOR UPDATE SKIP LOCKED) AS due
             WHERE t.channel = due.channel AND t.item = due.item AND t.location = due.location
            RETURNING {InventoryColumns("t")}
            """,
            connection);
        var token = NewLeaseToken();
        command.Parameters.AddWithValue("channel", channel);
        command.Parameters.AddWithValue("now", now.UtcTicks);
        command.Parameters.AddWithValue("max", maxRows);
        AddLeaseParameters(command, lease, token);
        var rows = new List<InventoryRow>();
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var readerScope = reader.ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(ReadInventory(reader) with { LeaseToken = token });
        }

        rows.Sort(static (a, b) => a.NextAttemptAt.CompareTo(b.NextAttemptAt));
        return rows;
    }

    /// <inheritdoc />
    public async ValueTask AcknowledgeInventoryAsync(IReadOnlyList<InventoryAcknowledgement> acknowledgements, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(acknowledgements);
        if (acknowledgements.Count == 0)
        {
            return;
        }

        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionScope = connection.ConfigureAwait(false);
        using var command = new NpgsqlCommand(
            $"""
            UPDATE {_s}.inventory AS t SET acknowledged = u.q, lease_until = 0, lease_owner = NULL, attempts = 0, last_error = NULL
              FROM unnest(@c, @i, @l, @q) AS u(c, i, l, q)
             WHERE t.channel = u.c AND t.item = u.i AND t.location = u.l
            """,
            connection);
        AddKeyArrays(command, acknowledgements.Select(a => a.Key).ToArray());
        command.Parameters.Add(new NpgsqlParameter("q", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = acknowledgements.Select(a => a.Quantity).ToArray() });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask RescheduleInventoryAsync(IReadOnlyList<InventoryKey> keys, DateTimeOffset nextAttemptAt, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Count == 0)
        {
            return;
        }

        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionScope = connection.ConfigureAwait(false);
        using var command = new NpgsqlCommand(
            $"""
            UPDATE {_s}.inventory AS t SET attempts = attempts + 1, next_attempt_at = @next, lease_until = 0, lease_owner = NULL, last_error = @reason
              FROM unnest(@c, @i, @l) AS u(c, i, l)
             WHERE t.channel = u.c AND t.item = u.i AND t.location = u.l
            """,
            connection);
        AddKeyArrays(command, [.. keys]);
        command.Parameters.AddWithValue("next", nextAttemptAt.UtcTicks);
        command.Parameters.AddWithValue("reason", reason);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<int> ResumeInventoryAsync(IReadOnlyList<InventoryKey> keys, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Count == 0)
        {
            return 0;
        }

        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionScope = connection.ConfigureAwait(false);
        using var command = new NpgsqlCommand(
            $"""
            UPDATE {_s}.inventory AS t SET attempts = 0, next_attempt_at = @now, last_error = NULL
              FROM (SELECT DISTINCT c, i, l FROM unnest(@c, @i, @l) AS u(c, i, l)) AS u
             WHERE t.channel = u.c AND t.item = u.i AND t.location = u.l AND t.acknowledged IS DISTINCT FROM t.desired
            """,
            connection);
        AddKeyArrays(command, [.. keys]);
        command.Parameters.AddWithValue("now", now.UtcTicks);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<InventoryRow?> GetInventoryAsync(InventoryKey key, CancellationToken cancellationToken = default)
    {
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionScope = connection.ConfigureAwait(false);
        using var command = new NpgsqlCommand(
            $"SELECT {InventoryColumns(null)} FROM {_s}.inventory WHERE channel = @c AND item = @i AND location = @l", connection);
        command.Parameters.AddWithValue("c", key.Channel);
        command.Parameters.AddWithValue("i", key.ChannelItemId);
        command.Parameters.AddWithValue("l", key.LocationId);
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var readerScope = reader.ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? ReadInventory(reader) : null;
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<InventoryRow> ListInventoryAsync(string channel, bool pendingOnly = false, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(channel);
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionScope = connection.ConfigureAwait(false);
        var filter = pendingOnly ? " AND acknowledged IS DISTINCT FROM desired" : string.Empty;
        using var command = new NpgsqlCommand(
            $"SELECT {InventoryColumns(null)} FROM {_s}.inventory WHERE channel = @c{filter} ORDER BY item COLLATE \"C\", location COLLATE \"C\"", connection);
        command.Parameters.AddWithValue("c", channel);
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var readerScope = reader.ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return ReadInventory(reader);
        }
    }

    /// <inheritdoc />
    public async ValueTask<bool> EnqueueAsync(WorkQueue queue, WorkItem item, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(item);
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionScope = connection.ConfigureAwait(false);
        using var command = new NpgsqlCommand(
            $"""
            INSERT INTO {_s}.work_items (queue, id, channel, kind, payload, enqueued_at, next_attempt_at)
            VALUES (@q, @id, @channel, @kind, @payload, @at, @at) ON CONFLICT (queue, id) DO NOTHING
            """,
            connection);
        command.Parameters.AddWithValue("q", (short)queue);
        command.Parameters.AddWithValue("id", item.Id);
        command.Parameters.AddWithValue("channel", item.Channel);
        command.Parameters.AddWithValue("kind", item.Kind);
        command.Parameters.AddWithValue("payload", item.Payload);
        command.Parameters.AddWithValue("at", item.EnqueuedAt.UtcTicks);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<WorkItem>> ClaimAsync(WorkQueue queue, int maxItems, DateTimeOffset now, TimeSpan lease, string? channel = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxItems);
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionScope = connection.ConfigureAwait(false);
        var channelFilter = channel is null ? string.Empty : " AND channel = @channel";
        using var command = new NpgsqlCommand(
            $"""
            UPDATE {_s}.work_items AS t SET lease_until = {DbNow} + @lease, lease_owner = @owner, attempts = t.attempts + 1
              FROM (SELECT queue, id FROM {_s}.work_items
                     WHERE queue = @q AND status = 0 AND next_attempt_at <= @now AND lease_until <= {DbNow}{channelFilter}
                     ORDER BY enqueued_at, seq LIMIT @max FOR UPDATE SKIP LOCKED) AS due
             WHERE t.queue = due.queue AND t.id = due.id
            RETURNING {WorkColumns("t")}, t.seq
            """,
            connection);
        var token = NewLeaseToken();
        command.Parameters.AddWithValue("q", (short)queue);
        command.Parameters.AddWithValue("now", now.UtcTicks);
        command.Parameters.AddWithValue("max", maxItems);
        AddLeaseParameters(command, lease, token);
        if (channel is not null)
        {
            command.Parameters.AddWithValue("channel", channel);
        }

        var claimed = new List<(WorkItem Item, long Seq)>();
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var readerScope = reader.ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            claimed.Add((ReadWork(reader) with { LeaseToken = token }, reader.GetInt64(9)));
        }

        return [.. claimed.OrderBy(c => c.Item.EnqueuedAt).ThenBy(c => c.Seq).Select(c => c.Item)];
    }

    /// <inheritdoc />
    public async ValueTask CompleteAsync(WorkQueue queue, string id, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        await ExecuteAsync(
            $"UPDATE {_s}.work_items SET status = 1, lease_until = 0, lease_owner = NULL, completed_at = @now WHERE queue = @q AND id = @id",
            cancellationToken,
            ("q", (short)queue),
            ("id", id),
            ("now", now.UtcTicks)).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask RescheduleAsync(WorkQueue queue, string id, DateTimeOffset nextAttemptAt, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        await ExecuteAsync(
            $"UPDATE {_s}.work_items SET next_attempt_at = @next, last_error = @reason, lease_until = 0, lease_owner = NULL WHERE queue = @q AND id = @id AND status = 0",
            cancellationToken,
            ("q", (short)queue),
            ("id", id),
            ("next", nextAttemptAt.UtcTicks),
            ("reason", reason)).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public ValueTask<DeadLetter?> MoveToDeadLetterAsync(WorkQueue queue, string id, string flow, string reason, string? errorType, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        MoveToDeadLetterCoreAsync(queue, id, null, flow, reason, errorType, now, cancellationToken);

    /// <summary>Dead-letters an item; with an <paramref name="owner"/>, only a pending item still leased to that owner.</summary>
    private async ValueTask<DeadLetter?> MoveToDeadLetterCoreAsync(
        WorkQueue queue, string id, string? owner, string flow, string reason, string? errorType, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionScope = connection.ConfigureAwait(false);
        var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var transactionScope = transaction.ConfigureAwait(false);
        using var update = new NpgsqlCommand(
            $"UPDATE {_s}.work_items SET status = 2, lease_until = 0, lease_owner = NULL, last_error = @reason WHERE queue = @q AND id = @id"
            + (owner is null ? string.Empty : " AND status = 0 AND lease_owner = @owner")
            + $" RETURNING {WorkColumns(null)}",
            connection,
            transaction);
        if (owner is not null)
        {
            update.Parameters.AddWithValue("owner", owner);
        }

        update.Parameters.AddWithValue("q", (short)queue);
        update.Parameters.AddWithValue("id", id);
        update.Parameters.AddWithValue("reason", reason);
        WorkItem? item = null;
        var reader = await update.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                item = ReadWork(reader);
            }
        }

        if (item is null)
        {
            return null;
        }

        var letter = new DeadLetter
        {
            Id = id,
            Channel = item.Channel,
            Flow = flow,
            Kind = item.Kind,
            Reason = reason,
            ErrorType = errorType,
            Payload = item.Payload,
            Attempts = item.Attempts,
            FirstAttemptAt = item.EnqueuedAt,
            DeadLetteredAt = now,
            SourceQueue = queue,
        };
        await UpsertDeadLetterAsync(connection, transaction, letter, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return letter;
    }

    /// <inheritdoc />
    public async ValueTask<WorkItem?> GetWorkItemAsync(WorkQueue queue, string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionScope = connection.ConfigureAwait(false);
        using var command = new NpgsqlCommand($"SELECT {WorkColumns(null)} FROM {_s}.work_items WHERE queue = @q AND id = @id", connection);
        command.Parameters.AddWithValue("q", (short)queue);
        command.Parameters.AddWithValue("id", id);
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var readerScope = reader.ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? ReadWork(reader) : null;
    }

    /// <inheritdoc />
    public async ValueTask<long> CountPendingAsync(WorkQueue queue, string? channel = null, CancellationToken cancellationToken = default)
    {
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionScope = connection.ConfigureAwait(false);
        var filter = channel is null ? string.Empty : " AND channel = @channel";
        using var command = new NpgsqlCommand($"SELECT count(*) FROM {_s}.work_items WHERE queue = @q AND status = 0{filter}", connection);
        command.Parameters.AddWithValue("q", (short)queue);
        if (channel is not null)
        {
            command.Parameters.AddWithValue("channel", channel);
        }

        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    /// <inheritdoc />
    public async ValueTask AddDeadLetterAsync(DeadLetter deadLetter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(deadLetter);
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionScope = connection.ConfigureAwait(false);
        await UpsertDeadLetterAsync(connection, null, deadLetter, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<DeadLetter> ListDeadLettersAsync(string? channel = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionScope = connection.ConfigureAwait(false);
        var filter = channel is null ? string.Empty : " WHERE channel = @channel";
        using var command = new NpgsqlCommand($"SELECT {DeadLetterColumns} FROM {_s}.dead_letters{filter} ORDER BY dead_lettered_at, id COLLATE \"C\"", connection);
        if (channel is not null)
        {
            command.Parameters.AddWithValue("channel", channel);
        }

        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var readerScope = reader.ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return ReadDeadLetter(reader);
        }
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyDictionary<string, int>> CountDeadLettersAsync(CancellationToken cancellationToken = default)
    {
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionScope = connection.ConfigureAwait(false);
        using var command = new NpgsqlCommand($"SELECT channel, COUNT(*)::int FROM {_s}.dead_letters GROUP BY channel", connection);
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var readerScope = reader.ConfigureAwait(false);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            counts[reader.GetString(0)] = reader.GetInt32(1);
        }

        return counts;
    }

    /// <inheritdoc />
    public async ValueTask<DeadLetter?> GetDeadLetterAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionScope = connection.ConfigureAwait(false);
        using var command = new NpgsqlCommand($"SELECT {DeadLetterColumns} FROM {_s}.dead_letters WHERE id = @id", connection);
        command.Parameters.AddWithValue("id", id);
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var readerScope = reader.ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? ReadDeadLetter(reader) : null;
    }

    /// <inheritdoc />
    public async ValueTask<bool> RemoveDeadLetterAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        return await ExecuteAsync($"DELETE FROM {_s}.dead_letters WHERE id = @id", cancellationToken, ("id", id)).ConfigureAwait(false) == 1;
    }

    /// <inheritdoc />
    public async ValueTask<bool> ReplayDeadLetterAsync(string id, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionScope = connection.ConfigureAwait(false);
        var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var transactionScope = transaction.ConfigureAwait(false);
        using var command = new NpgsqlCommand(
            $"""
            WITH letter AS (DELETE FROM {_s}.dead_letters WHERE id = @id AND source_queue IS NOT NULL RETURNING id, source_queue)
            UPDATE {_s}.work_items AS t SET status = 0, attempts = 0, next_attempt_at = @now, last_error = NULL, lease_until = 0, lease_owner = NULL
              FROM letter WHERE t.queue = letter.source_queue AND t.id = letter.id
            """,
            connection,
            transaction);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("now", now.UtcTicks);
        var requeued = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
        if (requeued)
        {
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        else
        {
            // No queue item behind the letter: keep the letter as it was.
            await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
        }

        return requeued;
    }

    /// <inheritdoc />
    public async ValueTask<SyncCursor?> GetCursorAsync(string channel, string name, CancellationToken cancellationToken = default)
    {
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionScope = connection.ConfigureAwait(false);
        using var command = new NpgsqlCommand($"SELECT value, version FROM {_s}.cursors WHERE channel = @c AND name = @n", connection);
        command.Parameters.AddWithValue("c", channel);
        command.Parameters.AddWithValue("n", name);
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var readerScope = reader.ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new SyncCursor
            {
                Channel = channel,
                Name = name,
                Value = reader.GetString(0),
                Version = reader.GetInt64(1),
            }
            : null;
    }

    /// <inheritdoc />
    public async ValueTask<bool> TrySetCursorAsync(string channel, string name, string value, long expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(value);
        var sql = expectedVersion == 0
            ? $"INSERT INTO {_s}.cursors (channel, name, value, version) VALUES (@c, @n, @v, 1) ON CONFLICT DO NOTHING"
            : $"UPDATE {_s}.cursors SET value = @v, version = version + 1 WHERE channel = @c AND name = @n AND version = @expected";
        return await ExecuteAsync(sql, cancellationToken, ("c", channel), ("n", name), ("v", value), ("expected", expectedVersion)).ConfigureAwait(false) == 1;
    }

    /// <inheritdoc />
    public async ValueTask<bool> TryDeleteCursorAsync(string channel, string name, long expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentNullException.ThrowIfNull(name);
        return await ExecuteAsync(
            $"DELETE FROM {_s}.cursors WHERE channel = @c AND name = @n AND version = @expected",
            cancellationToken,
            ("c", channel),
            ("n", name),
            ("expected", expectedVersion)).ConfigureAwait(false) == 1;
    }

    /// <inheritdoc />
    public async ValueTask<bool> TryAddIdempotencyKeyAsync(string key, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        return await ExecuteAsync(
            $"INSERT INTO {_s}.idempotency_keys (key, created_at) VALUES (@k, @now) ON CONFLICT DO NOTHING",
            cancellationToken,
            ("k", key),
            ("now", now.UtcTicks)).ConfigureAwait(false) == 1;
    }

    /// <inheritdoc />
    public async ValueTask<OrderRecord?> GetOrderRecordAsync(string channel, string orderId, CancellationToken cancellationToken = default)
    {
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionScope = connection.ConfigureAwait(false);
        using var command = new NpgsqlCommand($"SELECT {OrderColumns} FROM {_s}.order_records WHERE channel = @c AND order_id = @o", connection);
        command.Parameters.AddWithValue("c", channel);
        command.Parameters.AddWithValue("o", orderId);
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var readerScope = reader.ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? ReadOrder(reader) : null;
    }

    /// <inheritdoc />
    public async ValueTask UpsertOrderRecordAsync(OrderRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        await ExecuteAsync(
            $"""
            INSERT INTO {_s}.order_records (channel, order_id, version, status, warehouse_reference, payload, updated_at)
            VALUES (@c, @o, @v, @st, @ref, @p, @u)
            ON CONFLICT (channel, order_id) DO UPDATE SET version = excluded.version, status = excluded.status,
                warehouse_reference = excluded.warehouse_reference, payload = excluded.payload, updated_at = excluded.updated_at
            """,
            cancellationToken,
            ("c", record.Channel),
            ("o", record.OrderId),
            ("v", record.Version.UtcTicks),
            ("st", (short)record.Status),
            ("ref", record.WarehouseReference),
            ("p", record.Payload),
            ("u", record.UpdatedAt.UtcTicks)).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<OrderRecord> ListOrderRecordsAsync(string channel, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionScope = connection.ConfigureAwait(false);
        using var command = new NpgsqlCommand($"SELECT {OrderColumns} FROM {_s}.order_records WHERE channel = @c ORDER BY order_id COLLATE \"C\"", connection);
        command.Parameters.AddWithValue("c", channel);
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var readerScope = reader.ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return ReadOrder(reader);
        }
    }

    /// <inheritdoc />
    public async ValueTask SetReservationAsync(PendingReservation reservation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reservation);
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionScope = connection.ConfigureAwait(false);
        var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var transactionScope = transaction.ConfigureAwait(false);
        await BumpStockGenerationAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
        using var command = new NpgsqlCommand(
            $"""
            INSERT INTO {_s}.reservations (channel, order_id, skus, quantities, created_at) VALUES (@c, @o, @skus, @qs, @at)
            ON CONFLICT (channel, order_id) DO UPDATE SET skus = excluded.skus, quantities = excluded.quantities, created_at = excluded.created_at
            """,
            connection,
            transaction);
        command.Parameters.AddWithValue("c", reservation.Channel);
        command.Parameters.AddWithValue("o", reservation.OrderId);
        command.Parameters.AddWithValue("skus", reservation.Quantities.Select(q => q.Sku).ToArray());
        command.Parameters.AddWithValue("qs", reservation.Quantities.Select(q => q.Quantity).ToArray());
        command.Parameters.AddWithValue("at", reservation.CreatedAt.UtcTicks);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<bool> RemoveReservationAsync(string channel, string orderId, CancellationToken cancellationToken = default)
    {
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionScope = connection.ConfigureAwait(false);
        var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var transactionScope = transaction.ConfigureAwait(false);
        await BumpStockGenerationAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
        using var command = new NpgsqlCommand($"DELETE FROM {_s}.reservations WHERE channel = @c AND order_id = @o", connection, transaction);
        command.Parameters.AddWithValue("c", channel);
        command.Parameters.AddWithValue("o", orderId);
        var removed = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return removed;
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<PendingReservation> ListReservationsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionScope = connection.ConfigureAwait(false);
        using var command = new NpgsqlCommand(
            $"SELECT channel, order_id, skus, quantities, created_at FROM {_s}.reservations ORDER BY channel COLLATE \"C\", order_id COLLATE \"C\"", connection);
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var readerScope = reader.ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var skus = reader.GetFieldValue<string[]>(2);
            var quantities = reader.GetFieldValue<decimal[]>(3);
            yield return new PendingReservation
            {
                Channel = reader.GetString(0),
                OrderId = reader.GetString(1),
                Quantities = [.. skus.Select((s, i) => new ReservedQuantity(s, quantities[i]))],
                CreatedAt = FromTicks(reader.GetInt64(4)),
            };
        }
    }

    /// <inheritdoc />
    public async ValueTask<long> PruneAsync(DateTimeOffset olderThan, CancellationToken cancellationToken = default)
    {
        var items = await ExecuteAsync($"DELETE FROM {_s}.work_items WHERE status = 1 AND completed_at < @t", cancellationToken, ("t", olderThan.UtcTicks)).ConfigureAwait(false);
        var keys = await ExecuteAsync($"DELETE FROM {_s}.idempotency_keys WHERE created_at < @t", cancellationToken, ("t", olderThan.UtcTicks)).ConfigureAwait(false);
        return items + keys;
    }

    private static DateTimeOffset FromTicks(long ticks) => new(ticks, TimeSpan.Zero);

    private static string InventoryColumns(string? alias)
    {
        var p = alias is null ? string.Empty : alias + ".";
        return $"{p}channel, {p}item, {p}location, {p}desired, {p}acknowledged, {p}version, {p}sku, {p}attempts, {p}next_attempt_at, {p}updated_at, {p}last_error";
    }

    private static InventoryRow ReadInventory(NpgsqlDataReader reader) => new()
    {
        Key = new InventoryKey(reader.GetString(0), reader.GetString(1), reader.GetString(2)),
        Desired = reader.GetInt32(3),
        Acknowledged = reader.IsDBNull(4) ? null : reader.GetInt32(4),
        Version = reader.GetInt64(5),
        Sku = reader.IsDBNull(6) ? null : reader.GetString(6),
        Attempts = reader.GetInt32(7),
        NextAttemptAt = FromTicks(reader.GetInt64(8)),
        UpdatedAt = FromTicks(reader.GetInt64(9)),
        LastError = reader.IsDBNull(10) ? null : reader.GetString(10),
    };

    private static string WorkColumns(string? alias)
    {
        var p = alias is null ? string.Empty : alias + ".";
        return $"{p}id, {p}channel, {p}kind, {p}payload, {p}enqueued_at, {p}attempts, {p}next_attempt_at, {p}status, {p}last_error";
    }

    private static WorkItem ReadWork(NpgsqlDataReader reader) => new()
    {
        Id = reader.GetString(0),
        Channel = reader.GetString(1),
        Kind = reader.GetString(2),
        Payload = reader.GetString(3),
        EnqueuedAt = FromTicks(reader.GetInt64(4)),
        Attempts = reader.GetInt32(5),
        NextAttemptAt = FromTicks(reader.GetInt64(6)),
        Status = (WorkItemStatus)reader.GetInt16(7),
        LastError = reader.IsDBNull(8) ? null : reader.GetString(8),
    };

    private const string DeadLetterColumns = "id, channel, flow, kind, reason, error_type, payload, attempts, first_attempt_at, dead_lettered_at, source_queue";

    private static DeadLetter ReadDeadLetter(NpgsqlDataReader reader) => new()
    {
        Id = reader.GetString(0),
        Channel = reader.GetString(1),
        Flow = reader.GetString(2),
        Kind = reader.GetString(3),
        Reason = reader.GetString(4),
        ErrorType = reader.IsDBNull(5) ? null : reader.GetString(5),
        Payload = reader.GetString(6),
        Attempts = reader.GetInt32(7),
        FirstAttemptAt = FromTicks(reader.GetInt64(8)),
        DeadLetteredAt = FromTicks(reader.GetInt64(9)),
        SourceQueue = reader.IsDBNull(10) ? null : (WorkQueue)reader.GetInt16(10),
    };

    private const string OrderColumns = "channel, order_id, version, status, warehouse_reference, payload, updated_at";

    private static OrderRecord ReadOrder(NpgsqlDataReader reader) => new()
    {
        Channel = reader.GetString(0),
        OrderId = reader.GetString(1),
        Version = FromTicks(reader.GetInt64(2)),
        Status = (OrderRecordStatus)reader.GetInt16(3),
        WarehouseReference = reader.IsDBNull(4) ? null : reader.GetString(4),
        Payload = reader.IsDBNull(5) ? null : reader.GetString(5),
        UpdatedAt = FromTicks(reader.GetInt64(6)),
    };

    private static void AddKeyArrays(NpgsqlCommand command, InventoryKey[] keys)
    {
        command.Parameters.Add(new NpgsqlParameter("c", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = keys.Select(k => k.Channel).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("i", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = keys.Select(k => k.ChannelItemId).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("l", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = keys.Select(k => k.LocationId).ToArray() });
    }

    private async ValueTask UpsertDeadLetterAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, DeadLetter letter, CancellationToken cancellationToken)
    {
        using var command = new NpgsqlCommand(
            $"""
            INSERT INTO {_s}.dead_letters ({DeadLetterColumns}) VALUES (@id, @c, @f, @k, @r, @e, @p, @a, @first, @at, @q)
            ON CONFLICT (id) DO UPDATE SET channel = excluded.channel, flow = excluded.flow, kind = excluded.kind, reason = excluded.reason,
                error_type = excluded.error_type, payload = excluded.payload, attempts = excluded.attempts,
                first_attempt_at = excluded.first_attempt_at, dead_lettered_at = excluded.dead_lettered_at, source_queue = excluded.source_queue
            """,
            connection,
            transaction);
        command.Parameters.AddWithValue("id", letter.Id);
        command.Parameters.AddWithValue("c", letter.Channel);
        command.Parameters.AddWithValue("f", letter.Flow);
        command.Parameters.AddWithValue("k", letter.Kind);
        command.Parameters.AddWithValue("r", letter.Reason);
        command.Parameters.AddWithValue("e", (object?)letter.ErrorType ?? DBNull.Value);
        command.Parameters.AddWithValue("p", letter.Payload);
        command.Parameters.AddWithValue("a", letter.Attempts);
        command.Parameters.AddWithValue("first", letter.FirstAttemptAt.UtcTicks);
        command.Parameters.AddWithValue("at", letter.DeadLetteredAt.UtcTicks);
        command.Parameters.AddWithValue("q", letter.SourceQueue is { } q ? (object)(short)q : DBNull.Value);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<int> ExecuteAsync(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionScope = connection.ConfigureAwait(false);
        using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        await EnsureMigratedAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        return await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
    }

    private Task EnsureMigratedAsync()
    {
        lock (_migrationGate)
        {
            // A failed migration (server down at start) is tried again on the next call instead of failing forever.
            if (_migration is null || _migration.IsFaulted || _migration.IsCanceled)
            {
                _migration = PostgreSqlSchema.MigrateAsync(_dataSource, _s, CancellationToken.None);
            }

            return _migration;
        }
    }
}
