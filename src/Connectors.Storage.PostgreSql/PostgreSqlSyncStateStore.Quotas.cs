using Connectors.Internal;
using Npgsql;
using NpgsqlTypes;

namespace Connectors.Storage.PostgreSql;

/// <summary>
/// Daily budgets (schema version 6): one count per channel, window and listing (<c>''</c> is the channel's call count).
/// A call spend is one upsert that computes the grant under the row lock the upsert takes; a revision spend locks its
/// listings' rows in listing order in one transaction. Hosts spending one budget at once are serialised on its rows,
/// so together they never take more than the limit.
/// </summary>
public sealed partial class PostgreSqlSyncStateStore : IQuotaStore
{
    /// <inheritdoc />
    public async ValueTask<int> SpendCallsAsync(QuotaSpend spend, CancellationToken cancellationToken = default)
    {
        QuotaChecks.Check(spend);
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionScope = connection.ConfigureAwait(false);

        // Every SET expression reads the locked row as it was before this update, so last_grant is this spend's grant.
        using var command = new NpgsqlCommand(
            $"""
            INSERT INTO {_s}.quota_usage AS t (channel, window_start, listing, used, last_grant)
            VALUES (@c, @w, '', GREATEST(0, LEAST(@a, @limit)), GREATEST(0, LEAST(@a, @limit)))
            ON CONFLICT (channel, window_start, listing) DO UPDATE
               SET used = t.used + GREATEST(0, LEAST(@a, @limit - t.used)), last_grant = GREATEST(0, LEAST(@a, @limit - t.used))
            RETURNING last_grant
            """,
            connection);
        command.Parameters.AddWithValue("c", spend.Channel);
        command.Parameters.AddWithValue("w", spend.WindowStart.UtcTicks);
        command.Parameters.AddWithValue("a", spend.Amount);
        command.Parameters.AddWithValue("limit", spend.Limit);
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<string>> SpendRevisionsAsync(RevisionSpend spend, CancellationToken cancellationToken = default)
    {
        var wanted = QuotaChecks.Check(spend);
        if (wanted.Count == 0)
        {
            return [];
        }

        var listings = wanted.Keys.ToArray();
        var counts = wanted.Values.ToArray();
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionScope = connection.ConfigureAwait(false);
        var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var transactionScope = transaction.ConfigureAwait(false);
        using (var ensure = new NpgsqlCommand(
            $"""
            INSERT INTO {_s}.quota_usage (channel, window_start, listing, used, last_grant)
            SELECT @c, @w, l, 0, 0 FROM unnest(@l) AS u(l) ORDER BY l COLLATE "C"
            ON CONFLICT (channel, window_start, listing) DO NOTHING;
            SELECT 1 FROM {_s}.quota_usage WHERE channel = @c AND window_start = @w AND listing = ANY(@l) ORDER BY listing COLLATE "C" FOR UPDATE
            """,
            connection,
            transaction))
        {
            AddRevisionParameters(ensure, spend, listings);
            await ensure.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        var granted = new HashSet<string>(StringComparer.Ordinal);
        using (var update = new NpgsqlCommand(
            $"""
            UPDATE {_s}.quota_usage AS t SET used = t.used + u.n
              FROM unnest(@l, @n) AS u(l, n)
             WHERE t.channel = @c AND t.window_start = @w AND t.listing = u.l AND t.used + u.n <= @limit
            RETURNING t.listing
            """,
            connection,
            transaction))
        {
            AddRevisionParameters(update, spend, listings);
            update.Parameters.Add(new NpgsqlParameter("n", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = counts });
            update.Parameters.AddWithValue("limit", spend.Limit);
            var reader = await update.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    granted.Add(reader.GetString(0));
                }
            }
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return [.. listings.Where(l => !granted.Contains(l))];
    }

    /// <inheritdoc />
    public ValueTask<int> GetCallsSpentAsync(string channel, DateTimeOffset windowStart, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(channel);
        return ReadSpentAsync(channel, windowStart, string.Empty, cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<int> GetRevisionsSpentAsync(string channel, string listing, DateTimeOffset windowStart, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(channel);
        return ReadSpentAsync(channel, windowStart, QuotaChecks.Listing(listing, nameof(listing)), cancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<InventoryKey>> DeferClaimedInventoryAsync(IReadOnlyList<InventoryRow> claimed, DateTimeOffset nextAttemptAt, string reason, CancellationToken cancellationToken = default)
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
            UPDATE {_s}.inventory AS t SET next_attempt_at = @next, lease_until = 0, lease_owner = NULL, last_error = @reason
              FROM unnest(@c, @i, @l, @o) AS u(c, i, l, o)
             WHERE t.channel = u.c AND t.item = u.i AND t.location = u.l AND t.lease_owner = u.o
            RETURNING t.channel, t.item, t.location
            """,
            connection);
        AddKeyArrays(command, claimed.Select(r => r.Key).ToArray());
        command.Parameters.Add(new NpgsqlParameter("o", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = claimed.Select(r => (object?)r.LeaseToken ?? DBNull.Value).ToArray() });
        command.Parameters.AddWithValue("next", nextAttemptAt.UtcTicks);
        command.Parameters.AddWithValue("reason", (object?)reason ?? DBNull.Value);
        var deferred = (await ReadKeysAsync(command, cancellationToken).ConfigureAwait(false)).ToHashSet();
        return [.. claimed.Select(r => r.Key).Where(k => !deferred.Contains(k))];
    }

    /// <inheritdoc />
    public async ValueTask<int> PruneQuotaAsync(DateTimeOffset before, CancellationToken cancellationToken = default)
    {
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionScope = connection.ConfigureAwait(false);
        using var command = new NpgsqlCommand($"DELETE FROM {_s}.quota_usage WHERE window_start < @before", connection);
        command.Parameters.AddWithValue("before", before.UtcTicks);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static void AddRevisionParameters(NpgsqlCommand command, RevisionSpend spend, string[] listings)
    {
        command.Parameters.AddWithValue("c", spend.Channel);
        command.Parameters.AddWithValue("w", spend.WindowStart.UtcTicks);
        command.Parameters.Add(new NpgsqlParameter("l", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = listings });
    }

    private async ValueTask<int> ReadSpentAsync(string channel, DateTimeOffset windowStart, string listing, CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionScope = connection.ConfigureAwait(false);
        using var command = new NpgsqlCommand($"SELECT used FROM {_s}.quota_usage WHERE channel = @c AND window_start = @w AND listing = @l", connection);
        command.Parameters.AddWithValue("c", channel);
        command.Parameters.AddWithValue("w", windowStart.UtcTicks);
        command.Parameters.AddWithValue("l", listing);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is int used ? used : 0;
    }
}
