namespace Connectors.State;

/// <summary>Owned leases: every claim has an owner token, and writes under a claim check it.</summary>
public sealed partial class InMemorySyncStateStore
{
    /// <inheritdoc />
    public ValueTask<ClaimWriteResult> RenewClaimAsync(WorkQueue queue, WorkItem claimed, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(claimed);
        lock (_gate)
        {
            if (OwnedEntry(queue, claimed) is not { } entry)
            {
                return ValueTask.FromResult(ClaimWriteResult.NotOwner);
            }

            entry.LeaseUntil = now + lease;
            return ValueTask.FromResult(ClaimWriteResult.Written);
        }
    }

    /// <inheritdoc />
    public ValueTask<ClaimWriteResult> CompleteClaimedAsync(WorkQueue queue, WorkItem claimed, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(claimed);
        lock (_gate)
        {
            if (OwnedEntry(queue, claimed) is not { } entry)
            {
                return ValueTask.FromResult(ClaimWriteResult.NotOwner);
            }

            entry.Item = entry.Item with { Status = WorkItemStatus.Completed };
            entry.LeaseUntil = DateTimeOffset.MinValue;
            entry.LeaseOwner = null;
            entry.CompletedAt = now;
            return ValueTask.FromResult(ClaimWriteResult.Written);
        }
    }

    /// <inheritdoc />
    public ValueTask<ClaimWriteResult> RescheduleClaimedAsync(WorkQueue queue, WorkItem claimed, DateTimeOffset nextAttemptAt, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(claimed);
        lock (_gate)
        {
            if (OwnedEntry(queue, claimed) is not { } entry)
            {
                return ValueTask.FromResult(ClaimWriteResult.NotOwner);
            }

            entry.Item = entry.Item with { NextAttemptAt = nextAttemptAt, LastError = reason };
            entry.LeaseUntil = DateTimeOffset.MinValue;
            entry.LeaseOwner = null;
            return ValueTask.FromResult(ClaimWriteResult.Written);
        }
    }

    /// <inheritdoc />
    public ValueTask<DeadLetter?> DeadLetterClaimedAsync(WorkQueue queue, WorkItem claimed, string flow, string reason, string? errorType, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(claimed);
        lock (_gate)
        {
            return OwnedEntry(queue, claimed) is null
                ? ValueTask.FromResult<DeadLetter?>(null)
                : MoveToDeadLetterAsync(queue, claimed.Id, flow, reason, errorType, now, cancellationToken);
        }
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<InventoryKey>> AcknowledgeClaimedInventoryAsync(IReadOnlyList<InventoryAcknowledgement> acknowledgements, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(acknowledgements);
        var refused = new List<InventoryKey>();
        lock (_gate)
        {
            foreach (var ack in acknowledgements)
            {
                if (!_inventory.TryGetValue(ack.Key, out var entry))
                {
                    continue;
                }

                if (ack.LeaseToken is not null && string.Equals(entry.LeaseOwner, ack.LeaseToken, StringComparison.Ordinal))
                {
                    entry.Acknowledged = ack.Quantity;
                    entry.Attempts = 0;
                    entry.LastError = null;
                }
                else
                {
                    // The push landed at a moment nobody knows, perhaps after the owner's: unconfirm the row and revoke
                    // the owner's lease, so the row is pushed once more after both.
                    entry.Acknowledged = null;
                    entry.NextAttemptAt = now;
                    refused.Add(ack.Key);
                }

                entry.LeaseUntil = DateTimeOffset.MinValue;
                entry.LeaseOwner = null;
                TrackPending(entry);
            }
        }

        return ValueTask.FromResult<IReadOnlyList<InventoryKey>>(refused);
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<InventoryKey>> RescheduleClaimedInventoryAsync(IReadOnlyList<InventoryRow> claimed, DateTimeOffset nextAttemptAt, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(claimed);
        var refused = new List<InventoryKey>();
        lock (_gate)
        {
            foreach (var row in claimed)
            {
                if (!_inventory.TryGetValue(row.Key, out var entry))
                {
                    continue;
                }

                if (row.LeaseToken is null || !string.Equals(entry.LeaseOwner, row.LeaseToken, StringComparison.Ordinal))
                {
                    refused.Add(row.Key);
                    continue;
                }

                entry.Attempts++;
                entry.NextAttemptAt = nextAttemptAt;
                entry.LeaseUntil = DateTimeOffset.MinValue;
                entry.LeaseOwner = null;
                entry.LastError = reason;
            }
        }

        return ValueTask.FromResult<IReadOnlyList<InventoryKey>>(refused);
    }

    private static string NewLeaseToken() => Guid.NewGuid().ToString("N");

    /// <summary>The item's entry if it is pending and still leased to the claim's token; the caller holds the gate.</summary>
    private QueueEntry? OwnedEntry(WorkQueue queue, WorkItem claimed) =>
        claimed.LeaseToken is not null
        && _queues[(int)queue].TryGetValue(claimed.Id, out var entry)
        && entry.Item.Status == WorkItemStatus.Pending
        && string.Equals(entry.LeaseOwner, claimed.LeaseToken, StringComparison.Ordinal)
            ? entry
            : null;
}
