namespace Connectors.Storage.PostgreSql;

/// <summary>Per-order locks on the database's clock.</summary>
public sealed partial class PostgreSqlSyncStateStore : IOrderLockStore
{
    /// <summary>
    /// The lock's row in the cursors table: the same name and <c>{token}|{expiry ticks}</c> value the engine writes when a
    /// store has no <see cref="IOrderLockStore"/>, so no table is added and, during a rolling upgrade, a host still on
    /// the cursor lock and one on this lock see each other's locks (the older host still reads expiry on its own clock).
    /// </summary>
    internal const string OrderLockPrefix = "order-lock|";

    /// <summary>The expiry ticks of a lock row's value; a value that does not end in ticks counts as expired (0).</summary>
    private static string LockExpiry(string table) => $"coalesce(substring({table}.value from '\\|([0-9]{{1,19}})$')::numeric, 0)";

    /// <inheritdoc />
    /// <remarks>
    /// One statement: inserts the row, or overwrites it only when its expiry has passed on the database's clock, so two
    /// hosts racing for the lock cannot both win and no host's clock takes part.
    /// </remarks>
    public async ValueTask<bool> TryAcquireOrderLockAsync(string channel, string orderId, string token, DateTimeOffset now, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentNullException.ThrowIfNull(orderId);
        ArgumentException.ThrowIfNullOrEmpty(token);
        if (token.Contains('|', StringComparison.Ordinal))
        {
            throw new ArgumentException("An order lock token must not contain '|' (it separates the token from the expiry in the lock's row).", nameof(token));
        }

        return await WriteLockAsync(
            $"""
            INSERT INTO {_s}.cursors AS c (channel, name, value, version) VALUES (@c, @n, @token || '|' || ({DbNow} + @lease)::text, 1)
            ON CONFLICT (channel, name) DO UPDATE SET value = EXCLUDED.value, version = c.version + 1
             WHERE {LockExpiry("c")} <= {DbNow}
            """,
            channel,
            orderId,
            token,
            duration,
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<bool> ReleaseOrderLockAsync(string channel, string orderId, string token, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentNullException.ThrowIfNull(orderId);
        ArgumentException.ThrowIfNullOrEmpty(token);
        return await ExecuteAsync(
            $"DELETE FROM {_s}.cursors WHERE channel = @c AND name = @n AND split_part(value, '|', 1) = @token",
            cancellationToken,
            ("c", channel),
            ("n", OrderLockPrefix + orderId),
            ("token", token)).ConfigureAwait(false) == 1;
    }

    /// <inheritdoc />
    public async ValueTask<bool> RenewOrderLockAsync(string channel, string orderId, string token, DateTimeOffset now, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentNullException.ThrowIfNull(orderId);
        ArgumentException.ThrowIfNullOrEmpty(token);
        return await WriteLockAsync(
            $"""
            UPDATE {_s}.cursors SET value = @token || '|' || ({DbNow} + @lease)::text, version = version + 1
             WHERE channel = @c AND name = @n AND split_part(value, '|', 1) = @token
            """,
            channel,
            orderId,
            token,
            duration,
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs a statement that writes <c>{token}|{expiry}</c> to the order's lock row, the expiry on the database's clock.</summary>
    /// <returns>Whether it wrote the row.</returns>
    private async ValueTask<bool> WriteLockAsync(string sql, string channel, string orderId, string token, TimeSpan duration, CancellationToken cancellationToken) =>
        await ExecuteAsync(
            sql,
            cancellationToken,
            ("c", channel),
            ("n", OrderLockPrefix + orderId),
            ("token", token),
            ("lease", duration.Ticks),
            ("clock_offset", LeaseClockOffset().Ticks)).ConfigureAwait(false) == 1;
}
