using Connectors.Internal;
using Connectors.Storage.Sqlite.Internal;
using static Connectors.Storage.Sqlite.Internal.TimeCodec;

namespace Connectors.Storage.Sqlite;

/// <summary>
/// Daily budgets (schema version 7): one count per channel, window and listing (<c>''</c> is the channel's call count),
/// each spend one immediate transaction, so processes sharing the file spend one budget.
/// </summary>
public sealed partial class SqliteSyncStateStore : IQuotaStore
{
    /// <inheritdoc />
    public async ValueTask<int> SpendCallsAsync(QuotaSpend spend, CancellationToken cancellationToken = default)
    {
        QuotaChecks.Check(spend);
        var scope = await BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        await using (scope.ConfigureAwait(false))
        {
            var window = ToTicks(spend.WindowStart);
            var used = await ReadCountAsync(scope, spend.Channel, window, string.Empty, cancellationToken).ConfigureAwait(false);
            var granted = Math.Max(0, Math.Min(spend.Amount, spend.Limit - used));
            if (granted > 0)
            {
                await WriteCountAsync(scope, spend.Channel, window, string.Empty, used + granted, cancellationToken).ConfigureAwait(false);
            }

            await scope.CommitAsync(cancellationToken).ConfigureAwait(false);
            return granted;
        }
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<string>> SpendRevisionsAsync(RevisionSpend spend, CancellationToken cancellationToken = default)
    {
        var wanted = QuotaChecks.Check(spend);
        var refused = new List<string>();
        if (wanted.Count == 0)
        {
            return refused;
        }

        var scope = await BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        await using (scope.ConfigureAwait(false))
        {
            var window = ToTicks(spend.WindowStart);
            foreach (var (listing, count) in wanted)
            {
                var used = await ReadCountAsync(scope, spend.Channel, window, listing, cancellationToken).ConfigureAwait(false);
                if (used + count > spend.Limit)
                {
                    refused.Add(listing);
                    continue;
                }

                await WriteCountAsync(scope, spend.Channel, window, listing, used + count, cancellationToken).ConfigureAwait(false);
            }

            await scope.CommitAsync(cancellationToken).ConfigureAwait(false);
            return refused;
        }
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
    public ValueTask<IReadOnlyList<InventoryKey>> DeferClaimedInventoryAsync(IReadOnlyList<InventoryRow> claimed, DateTimeOffset nextAttemptAt, string reason, CancellationToken cancellationToken = default) =>
        ReleaseClaimedInventoryAsync(claimed, nextAttemptAt, reason, countAttempt: false, cancellationToken);

    /// <inheritdoc />
    public ValueTask<int> PruneQuotaAsync(DateTimeOffset before, CancellationToken cancellationToken = default) =>
        ExecuteWriteAsync("DELETE FROM quota_usage WHERE window_start < $before", [("$before", ToTicks(before))], cancellationToken);

    private async ValueTask<int> ReadSpentAsync(string channel, DateTimeOffset windowStart, string listing, CancellationToken cancellationToken)
    {
        await foreach (var used in QueryAsync(
            "SELECT used FROM quota_usage WHERE channel = $channel AND window_start = $window AND listing = $listing",
            [("$channel", channel), ("$window", ToTicks(windowStart)), ("$listing", listing)],
            static reader => reader.GetInt32(0),
            cancellationToken).ConfigureAwait(false))
        {
            return used;
        }

        return 0;
    }

    private async ValueTask<int> ReadCountAsync(WriteScope scope, string channel, long window, string listing, CancellationToken cancellationToken)
    {
        var read = Command("SELECT used FROM quota_usage WHERE channel = $channel AND window_start = $window AND listing = $listing", scope.Transaction);
        read.Parameters.AddWithValue("$channel", channel);
        read.Parameters.AddWithValue("$window", window);
        read.Parameters.AddWithValue("$listing", listing);
        return await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long used ? (int)used : 0;
    }

    private async ValueTask WriteCountAsync(WriteScope scope, string channel, long window, string listing, int used, CancellationToken cancellationToken)
    {
        var write = Command(
            """
            INSERT INTO quota_usage (channel, window_start, listing, used) VALUES ($channel, $window, $listing, $used)
            ON CONFLICT (channel, window_start, listing) DO UPDATE SET used = excluded.used
            """,
            scope.Transaction);
        write.Parameters.AddWithValue("$channel", channel);
        write.Parameters.AddWithValue("$window", window);
        write.Parameters.AddWithValue("$listing", listing);
        write.Parameters.AddWithValue("$used", used);
        await write.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
