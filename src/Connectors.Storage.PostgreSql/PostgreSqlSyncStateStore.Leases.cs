using Npgsql;
using NpgsqlTypes;

namespace Connectors.Storage.PostgreSql;

/// <summary>Owned leases on the database's clock (see the class remarks).</summary>
public sealed partial class PostgreSqlSyncStateStore
{
    /// <summary>
    /// The database's clock in UTC ticks, the unit every time column uses, plus <see cref="LeaseClockOffset"/>. Lease
    /// expiry is computed and compared with this, never with a time a host passed in.
    /// </summary>
    private const string DbNow = "((extract(epoch FROM now()) * 10000000)::bigint + 621355968000000000 + @clock_offset)";

    /// <summary>
    /// How far this instance's view of the database clock for leases is moved on. Zero outside tests; a test sets it
    /// to let leases run out without waiting, as it would move a fake <see cref="TimeProvider"/> on.
    /// </summary>
    internal Func<TimeSpan> LeaseClockOffset { get; set; } = static () => TimeSpan.Zero;

    /// <inheritdoc />
    public async ValueTask<ClaimWriteResult> RenewClaimAsync(WorkQueue queue, WorkItem claimed, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(claimed);
        return Result(await ExecuteOwnedAsync(
            $"UPDATE {_s}.work_items SET lease_until = {DbNow} + @lease WHERE queue = @q AND id = @id AND status = 0 AND lease_owner = @owner",
            queue,
            claimed,
            lease,
            cancellationToken).ConfigureAwait(false));
    }

    /// <inheritdoc />
    public async ValueTask<ClaimWriteResult> CompleteClaimedAsync(WorkQueue queue, WorkItem claimed, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(claimed);
        return Result(await ExecuteOwnedAsync(
            $"UPDATE {_s}.work_items SET status = 1, lease_until = 0, lease_owner = NULL, completed_at = @now WHERE queue = @q AND id = @id AND status = 0 AND lease_owner = @owner",
            queue,
            claimed,
            null,
            cancellationToken,
            ("now", now.UtcTicks)).ConfigureAwait(false));
    }

    /// <inheritdoc />
    public async ValueTask<ClaimWriteResult> RescheduleClaimedAsync(WorkQueue queue, WorkItem claimed, DateTimeOffset nextAttemptAt, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(claimed);
        return Result(await ExecuteOwnedAsync(
            $"""
            UPDATE {_s}.work_items SET next_attempt_at = @next, last_error = @reason, lease_until = 0, lease_owner = NULL
             WHERE queue = @q AND id = @id AND status = 0 AND lease_owner = @owner
            """,
            queue,
            claimed,
            null,
            cancellationToken,
            ("next", nextAttemptAt.UtcTicks),
            ("reason", reason)).ConfigureAwait(false));
    }

    /// <inheritdoc />
    public ValueTask<DeadLetter?> DeadLetterClaimedAsync(WorkQueue queue, WorkItem claimed, string flow, string reason, string? errorType, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(claimed);

        // No token: nobody owns it through this claim, and "" matches no stored token.
        return MoveToDeadLetterCoreAsync(queue, claimed.Id, claimed.LeaseToken ?? string.Empty, flow, reason, errorType, now, cancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<InventoryKey>> AcknowledgeClaimedInventoryAsync(IReadOnlyList<InventoryAcknowledgement> acknowledgements, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(acknowledgements);
        if (acknowledgements.Count == 0)
        {
            return [];
        }

        // Both updates read the same snapshot, so they touch disjoint rows: the owner's are acknowledged; the others were
        // pushed at a moment nobody knows, perhaps after the owner's, so they are unconfirmed and their current owner's
        // lease is revoked: the row is pushed once more after both.
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionScope = connection.ConfigureAwait(false);
        using var command = new NpgsqlCommand(
            $"""
            WITH u AS (SELECT * FROM unnest(@c, @i, @l, @q, @o) AS u(c, i, l, q, o)),
            owned AS (
                UPDATE {_s}.inventory AS t SET acknowledged = u.q, lease_until = 0, lease_owner = NULL, attempts = 0, last_error = NULL
                  FROM u WHERE t.channel = u.c AND t.item = u.i AND t.location = u.l AND t.lease_owner = u.o
                RETURNING t.channel)
            UPDATE {_s}.inventory AS t SET acknowledged = NULL, lease_until = 0, lease_owner = NULL, next_attempt_at = @now
              FROM u WHERE t.channel = u.c AND t.item = u.i AND t.location = u.l AND (u.o IS NULL OR t.lease_owner IS DISTINCT FROM u.o)
            RETURNING t.channel, t.item, t.location
            """,
            connection);
        AddKeyArrays(command, acknowledgements.Select(a => a.Key).ToArray());
        command.Parameters.Add(new NpgsqlParameter("q", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = acknowledgements.Select(a => a.Quantity).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("o", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = acknowledgements.Select(a => (object?)a.LeaseToken ?? DBNull.Value).ToArray() });
        command.Parameters.AddWithValue("now", now.UtcTicks);
        return await ReadKeysAsync(command, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<InventoryKey>> RescheduleClaimedInventoryAsync(IReadOnlyList<InventoryRow> claimed, DateTimeOffset nextAttemptAt, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(claimed);
        if (claimed.Count == 0)
        {
            return [];
        }

        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionScope = connection.ConfigureAwait(false);
        using var command = new NpgsqlCommand(
            $"""
            UPDATE {_s}.inventory AS t SET attempts = attempts + 1, next_attempt_at = @next, lease_until = 0, lease_owner = NULL, last_error = @reason
              FROM unnest(@c, @i, @l, @o) AS u(c, i, l, o)
             WHERE t.channel = u.c AND t.item = u.i AND t.location = u.l AND t.lease_owner = u.o
            RETURNING t.channel, t.item, t.location
            """,
            connection);
        AddKeyArrays(command, claimed.Select(r => r.Key).ToArray());
        command.Parameters.Add(new NpgsqlParameter("o", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = claimed.Select(r => (object?)r.LeaseToken ?? DBNull.Value).ToArray() });
        command.Parameters.AddWithValue("next", nextAttemptAt.UtcTicks);
        command.Parameters.AddWithValue("reason", reason);
        var rescheduled = (await ReadKeysAsync(command, cancellationToken).ConfigureAwait(false)).ToHashSet();
        return [.. claimed.Select(r => r.Key).Where(k => !rescheduled.Contains(k))];
    }

    private static string NewLeaseToken() => Guid.NewGuid().ToString("N");

    private static ClaimWriteResult Result(int changed) => changed == 1 ? ClaimWriteResult.Written : ClaimWriteResult.NotOwner;

    private static async ValueTask<List<InventoryKey>> ReadKeysAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var keys = new List<InventoryKey>();
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var readerScope = reader.ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            keys.Add(new InventoryKey(reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        }

        return keys;
    }

    /// <summary>The parameters of a claim: the lease length in ticks, the new owner token and the clock offset.</summary>
    private void AddLeaseParameters(NpgsqlCommand command, TimeSpan lease, string owner)
    {
        command.Parameters.AddWithValue("lease", lease.Ticks);
        command.Parameters.AddWithValue("owner", owner);
        command.Parameters.AddWithValue("clock_offset", LeaseClockOffset().Ticks);
    }

    private async ValueTask<int> ExecuteOwnedAsync(
        string sql, WorkQueue queue, WorkItem claimed, TimeSpan? lease, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionScope = connection.ConfigureAwait(false);
        using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("q", (short)queue);
        command.Parameters.AddWithValue("id", claimed.Id);
        command.Parameters.AddWithValue("owner", (object?)claimed.LeaseToken ?? DBNull.Value);
        if (lease is { } length)
        {
            command.Parameters.AddWithValue("lease", length.Ticks);
            command.Parameters.AddWithValue("clock_offset", LeaseClockOffset().Ticks);
        }

        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
