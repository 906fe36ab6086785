using static Connectors.Storage.Sqlite.Internal.TimeCodec;

namespace Connectors.Storage.Sqlite;

/// <summary>
/// Owned leases: every claim writes a new owner token beside its lease, and writes under a claim check it. Lease time is
/// the caller's clock: the processes sharing one SQLite file share one machine's clock.
/// </summary>
public sealed partial class SqliteSyncStateStore
{
    /// <inheritdoc />
    public async ValueTask<ClaimWriteResult> RenewClaimAsync(WorkQueue queue, WorkItem claimed, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(claimed);
        return Result(await ExecuteWriteAsync(
            "UPDATE work_items SET lease_until = $lease WHERE queue = $queue AND id = $id AND status = 0 AND lease_owner = $owner",
            [("$lease", ToTicks(now + lease)), ("$queue", (int)queue), ("$id", claimed.Id), ("$owner", claimed.LeaseToken)],
            cancellationToken).ConfigureAwait(false));
    }

    /// <inheritdoc />
    public async ValueTask<ClaimWriteResult> CompleteClaimedAsync(WorkQueue queue, WorkItem claimed, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(claimed);
        return Result(await ExecuteWriteAsync(
            "UPDATE work_items SET status = 1, lease_until = 0, lease_owner = NULL, completed_at = $now WHERE queue = $queue AND id = $id AND status = 0 AND lease_owner = $owner",
            [("$now", ToTicks(now)), ("$queue", (int)queue), ("$id", claimed.Id), ("$owner", claimed.LeaseToken)],
            cancellationToken).ConfigureAwait(false));
    }

    /// <inheritdoc />
    public async ValueTask<ClaimWriteResult> RescheduleClaimedAsync(WorkQueue queue, WorkItem claimed, DateTimeOffset nextAttemptAt, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(claimed);
        return Result(await ExecuteWriteAsync(
            """
            UPDATE work_items SET next_attempt_at = $next, last_error = $reason, lease_until = 0, lease_owner = NULL
            WHERE queue = $queue AND id = $id AND status = 0 AND lease_owner = $owner
            """,
            [("$next", ToTicks(nextAttemptAt)), ("$reason", reason), ("$queue", (int)queue), ("$id", claimed.Id), ("$owner", claimed.LeaseToken)],
            cancellationToken).ConfigureAwait(false));
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
        for (var i = 0; i < acknowledgements.Count; i++)
        {
            CheckKey(acknowledgements[i].Key, $"acknowledgements[{i}].Key");
        }

        if (acknowledgements.Count == 0)
        {
            return [];
        }

        return await WriteInventoryAsync<IReadOnlyList<InventoryKey>>(
            foldFirst: true,
            async (scope, _) =>
            {
                var owned = Prepared(
                    """
                    UPDATE inventory SET acknowledged = $q, lease_until = 0, lease_owner = NULL, attempts = 0, last_error = NULL, pending = (desired IS NOT $q)
                    WHERE channel = $channel AND item_id = $item AND location_id = $location AND lease_owner = $owner
                    """,
                    scope.Transaction,
                    "$channel",
                    "$item",
                    "$location",
                    "$q",
                    "$owner");

                // The push landed at a moment nobody knows, perhaps after the owner's: unconfirm the row and revoke the
                // owner's lease, so the row is pushed once more after both.
                var unconfirm = Prepared(
                    """
                    UPDATE inventory SET acknowledged = NULL, lease_until = 0, lease_owner = NULL, next_attempt_at = $now, pending = 1
                    WHERE channel = $channel AND item_id = $item AND location_id = $location
                    """,
                    scope.Transaction,
                    "$channel",
                    "$item",
                    "$location",
                    "$now");
                var refused = new List<InventoryKey>();
                foreach (var ack in acknowledgements)
                {
                    var p = owned.Parameters;
                    p[0].Value = ack.Key.Channel;
                    p[1].Value = ack.Key.ChannelItemId;
                    p[2].Value = ack.Key.LocationId;
                    p[3].Value = ack.Quantity;
                    p[4].Value = (object?)ack.LeaseToken ?? DBNull.Value;
                    if (await owned.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1)
                    {
                        continue;
                    }

                    var u = unconfirm.Parameters;
                    u[0].Value = ack.Key.Channel;
                    u[1].Value = ack.Key.ChannelItemId;
                    u[2].Value = ack.Key.LocationId;
                    u[3].Value = ToTicks(now);
                    if (await unconfirm.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1)
                    {
                        refused.Add(ack.Key);
                    }
                }

                return refused;
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<InventoryKey>> RescheduleClaimedInventoryAsync(IReadOnlyList<InventoryRow> claimed, DateTimeOffset nextAttemptAt, string reason, CancellationToken cancellationToken = default) =>
        ReleaseClaimedInventoryAsync(claimed, nextAttemptAt, reason, countAttempt: true, cancellationToken);

    // One release for a failed push (counts an attempt) and a push deferred by a quota (does not): rows this owner still
    // holds are due again at nextAttemptAt; the keys another owner holds now are returned.
    private async ValueTask<IReadOnlyList<InventoryKey>> ReleaseClaimedInventoryAsync(IReadOnlyList<InventoryRow> claimed, DateTimeOffset nextAttemptAt, string reason, bool countAttempt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claimed);
        for (var i = 0; i < claimed.Count; i++)
        {
            CheckKey(claimed[i].Key, $"claimed[{i}].Key");
        }

        if (claimed.Count == 0)
        {
            return [];
        }

        return await WriteInventoryAsync<IReadOnlyList<InventoryKey>>(
            foldFirst: true,
            async (scope, _) =>
            {
                var command = Prepared(
                    $"""
                    UPDATE inventory SET {(countAttempt ? "attempts = attempts + 1, " : string.Empty)}next_attempt_at = $next, lease_until = 0, lease_owner = NULL, last_error = $reason
                    WHERE channel = $channel AND item_id = $item AND location_id = $location AND lease_owner = $owner
                    """,
                    scope.Transaction,
                    "$channel",
                    "$item",
                    "$location",
                    "$next",
                    "$reason",
                    "$owner");
                var p = command.Parameters;
                p[3].Value = ToTicks(nextAttemptAt);
                p[4].Value = (object?)reason ?? DBNull.Value;
                var refused = new List<InventoryKey>();
                foreach (var row in claimed)
                {
                    p[0].Value = row.Key.Channel;
                    p[1].Value = row.Key.ChannelItemId;
                    p[2].Value = row.Key.LocationId;
                    p[5].Value = (object?)row.LeaseToken ?? DBNull.Value;
                    if (await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 0)
                    {
                        refused.Add(row.Key);
                    }
                }

                return refused;
            },
            cancellationToken).ConfigureAwait(false);
    }

    private static string NewLeaseToken() => Guid.NewGuid().ToString("N");

    private static ClaimWriteResult Result(int changed) => changed == 1 ? ClaimWriteResult.Written : ClaimWriteResult.NotOwner;
}
