using System.Diagnostics;
using System.Text.Json;
using Connectors.Internal;
using Connectors.Telemetry;

namespace Connectors.Inventory.Internal;

/// <summary>Dispatch: claim pending rows, push them in batches, record each item's outcome.</summary>
internal sealed partial class InventoryEngine
{
    private const string DeadLetterKind = "inventory-target";

    /// <summary>Span tag: how many targets one push carried.</summary>
    private const string BatchSizeTag = "connector.batch_size";

    public async Task<InventoryDispatchResult> DispatchAsync(string channel, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(channel);
        var plan = GetPlan(channel);
        await ExpireReservationsIfDueAsync(cancellationToken).ConfigureAwait(false);
        await SyncZeroListBeforePushAsync(cancellationToken).ConfigureAwait(false);
        if (plan.Quota is { } quota)
        {
            return await DispatchUnderQuotaAsync(plan, quota, cancellationToken).ConfigureAwait(false);
        }

        var batchSize = plan.Port.Capabilities.MaxInventoryBatchSize;
        var inFlight = Settings.MaxBatchesInFlight;
        var total = default(BatchOutcome);
        var guarded = new HashSet<InventoryKey>();
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var now = _time.GetUtcNow();
            var rows = await _store.ClaimPendingInventoryAsync(plan.Name, batchSize * inFlight, now, _options.LeaseDuration, cancellationToken)
                .ConfigureAwait(false);
            if (rows.Count == 0)
            {
                break;
            }

            rows = await GuardZeroedAsync(plan, rows, guarded, cancellationToken).ConfigureAwait(false);
            if (rows.Count == 0)
            {
                continue;
            }

            if (rows.Count <= batchSize)
            {
                total += await PushBatchAsync(plan, rows, cancellationToken).ConfigureAwait(false);
                continue;
            }

            var all = rows as InventoryRow[] ?? [.. rows];
            var tasks = new Task<BatchOutcome>[(all.Length + batchSize - 1) / batchSize];
            for (var i = 0; i < tasks.Length; i++)
            {
                var start = i * batchSize;
                var slice = new ArraySegment<InventoryRow>(all, start, Math.Min(batchSize, all.Length - start));
                tasks[i] = PushBatchAsync(plan, slice, cancellationToken);
            }

            foreach (var outcome in await Task.WhenAll(tasks).ConfigureAwait(false))
            {
                total += outcome;
            }
        }

        return new InventoryDispatchResult
        {
            Channel = plan.Name,
            Batches = total.Batches,
            Applied = total.Applied,
            Rejected = total.Rejected,
            Rescheduled = total.Rescheduled,
            DeadLettered = total.DeadLettered,
        };
    }

    private async Task<BatchOutcome> PushBatchAsync(ChannelPlan plan, IReadOnlyList<InventoryRow> rows, CancellationToken cancellationToken)
    {
        var targets = new InventoryTarget[rows.Count];
        for (var i = 0; i < targets.Length; i++)
        {
            var row = rows[i];
            targets[i] = new InventoryTarget(row.Key.ChannelItemId, row.Key.LocationId, row.Desired, row.Sku);
        }

        var started = _time.GetTimestamp();

        // One span per batch on the wire: the unit a platform rate-limits and answers.
        using var activity = ConnectorsMetrics.ActivitySource.StartActivity("inventory push", ActivityKind.Client);
        activity?.SetTag(ConnectorsTelemetry.ChannelTag, plan.Name);
        activity?.SetTag(ConnectorsTelemetry.FlowTag, ConnectorFlows.Inventory);
        activity?.SetTag(BatchSizeTag, targets.Length);
        IReadOnlyList<InventoryPushItemResult> results;
        try
        {
            results = await plan.Port.PushInventoryAsync(targets, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            activity?.SetStatus(ActivityStatusCode.Error, "cancelled");
            throw;
        }
#pragma warning disable CA1031 // Any failure of a channel push is recorded on its rows; nothing may escape and strand the rest of the pass.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            activity?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
            activity?.SetTag(ConnectorsTelemetry.OutcomeTag, "failed");
            RecordDuration(plan, started, "failed");
            _metrics.InventoryPushes.Add(1, ConnectorsMetrics.Channel(plan.Name), ConnectorsMetrics.Outcome("failed"));
            var transient = ex is not ConnectorException connector || connector.IsTransient;
            var retryAfter = (ex as ConnectorRequestFailedException)?.RetryAfter;
            var errorType = (ex as ConnectorRequestFailedException)?.ErrorCode ?? ex.GetType().Name;
            Log.InventoryBatchFailed(_logger, plan.Name, rows.Count, transient, ex.Message, ex);
            var failed = new BatchOutcome { Batches = 1 };
            if (!transient)
            {
                for (var i = 0; i < rows.Count; i++)
                {
                    if (await DeadLetterAsync(plan, rows[i], ex.Message, errorType, cancellationToken).ConfigureAwait(false))
                    {
                        failed.DeadLettered++;
                    }
                }

                return failed;
            }

            return failed + await RetryAsync(plan, rows, ex.Message, errorType, retryAfter, cancellationToken).ConfigureAwait(false);
        }

        activity?.SetTag(ConnectorsTelemetry.OutcomeTag, "success");
        RecordDuration(plan, started, "success");
        _metrics.InventoryPushes.Add(1, ConnectorsMetrics.Channel(plan.Name), ConnectorsMetrics.Outcome("success"));
        return await RecordOutcomesAsync(plan, rows, targets, results, cancellationToken).ConfigureAwait(false);
    }

    private async Task<BatchOutcome> RecordOutcomesAsync(
        ChannelPlan plan, IReadOnlyList<InventoryRow> rows, InventoryTarget[] targets, IReadOnlyList<InventoryPushItemResult> results, CancellationToken cancellationToken)
    {
        var index = new Dictionary<(string Item, string Location), int>(rows.Count);
        for (var i = 0; i < targets.Length; i++)
        {
            index[(targets[i].ChannelItemId, targets[i].LocationId)] = i;
        }

        var handled = new bool[rows.Count];
        var acknowledgements = new List<InventoryAcknowledgement>(rows.Count);
        List<(InventoryRow Row, InventoryPushItemResult Result)>? rejected = null;
        List<(InventoryRow Row, InventoryPushItemResult Result)>? notListed = null;
        List<InventoryRow>? retry = null;
        TimeSpan? retryAfter = null;
        string? retryReason = null;
        var now = _time.GetUtcNow();
        foreach (var result in results ?? [])
        {
            if (result?.Target is null || !index.TryGetValue((result.Target.ChannelItemId, result.Target.LocationId), out var i) || handled[i])
            {
                continue;
            }

            handled[i] = true;
            switch (result.Outcome)
            {
                case PushOutcome.Applied:
                    acknowledgements.Add(new InventoryAcknowledgement(rows[i].Key, targets[i].Quantity) { LeaseToken = rows[i].LeaseToken });
                    _metrics.InventoryLatency.Record((now - rows[i].UpdatedAt).TotalSeconds, ConnectorsMetrics.Channel(plan.Name));
                    break;
                case PushOutcome.Rejected:
                    (rejected ??= []).Add((rows[i], result));
                    break;
                case PushOutcome.NotListed:
                    (notListed ??= []).Add((rows[i], result));
                    break;
                default:
                    (retry ??= []).Add(rows[i]);
                    retryReason ??= result.Reason;
                    if (result.RetryAfter is { } after && (retryAfter is null || after > retryAfter))
                    {
                        retryAfter = after;
                    }

                    break;
            }
        }

        for (var i = 0; i < handled.Length; i++)
        {
            if (!handled[i])
            {
                (retry ??= []).Add(rows[i]);
                retryReason ??= "the channel returned no result for the item";
            }
        }

        var outcome = new BatchOutcome { Batches = 1, Applied = acknowledgements.Count };
        if (acknowledgements.Count > 0)
        {
            if (_store is IOwnedInventoryStore owned && acknowledgements[0].LeaseToken is not null)
            {
                // A refused acknowledgement was this worker's push after its lease ran out: the store unconfirms the row,
                // so it is pushed once more after the new owner's push, whichever reached the channel last.
                var refused = await owned.AcknowledgeClaimedInventoryAsync(acknowledgements, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
                LeasesLost(plan, refused, "acknowledge");
            }
            else
            {
                await _store.AcknowledgeInventoryAsync(acknowledgements, cancellationToken).ConfigureAwait(false);
            }

            _metrics.InventoryPushedItems.Add(acknowledgements.Count, ConnectorsMetrics.Channel(plan.Name), ConnectorsMetrics.Outcome("applied"));
        }

        if (rejected is not null)
        {
            foreach (var (row, result) in rejected)
            {
                var reason = result.Reason ?? "rejected by the channel";
                Log.InventoryItemRejected(_logger, plan.Name, row.Key.ChannelItemId, row.Key.LocationId, reason);
                if (await DeadLetterAsync(plan, row, reason, result.ErrorCode ?? "rejected", cancellationToken).ConfigureAwait(false))
                {
                    outcome.DeadLettered++;
                }
            }

            outcome.Rejected = rejected.Count;
            _metrics.InventoryPushedItems.Add(rejected.Count, ConnectorsMetrics.Channel(plan.Name), ConnectorsMetrics.Outcome("rejected"));
        }

        if (notListed is not null)
        {
            // One dead letter per item and location, replaced at later changes: the item stays unlisted there until the
            // merchant stocks it, and a fresh dead letter at every stock change would bury the others.
            foreach (var (row, result) in notListed)
            {
                var reason = result.Reason ?? "not listed by the channel at this location";
                Log.InventoryItemRejected(_logger, plan.Name, row.Key.ChannelItemId, row.Key.LocationId, reason);
                if (await DeadLetterAsync(plan, row, reason, result.ErrorCode ?? "not-listed", cancellationToken, $"{ConnectorFlows.Inventory}/{row.Key}/not-listed").ConfigureAwait(false))
                {
                    outcome.DeadLettered++;
                }
            }

            outcome.Rejected += notListed.Count;
            _metrics.InventoryPushedItems.Add(notListed.Count, ConnectorsMetrics.Channel(plan.Name), ConnectorsMetrics.Outcome("not-listed"));
        }

        if (retry is not null)
        {
            _metrics.InventoryPushedItems.Add(retry.Count, ConnectorsMetrics.Channel(plan.Name), ConnectorsMetrics.Outcome("retry"));
            outcome += await RetryAsync(plan, retry, retryReason ?? "retry", "retry", retryAfter, cancellationToken).ConfigureAwait(false);
        }

        return outcome;
    }

    /// <summary>Reschedules rows with backoff, or dead-letters those that used their last attempt.</summary>
    private async Task<BatchOutcome> RetryAsync(
        ChannelPlan plan, IReadOnlyList<InventoryRow> rows, string reason, string errorType, TimeSpan? retryAfter, CancellationToken cancellationToken)
    {
        var outcome = default(BatchOutcome);
        var reschedule = new List<InventoryRow>(rows.Count);
        var attempts = 0;
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            if (row.Attempts + 1 >= _options.MaxAttempts)
            {
                if (await DeadLetterAsync(plan, row, $"gave up after {row.Attempts + 1} attempts: {reason}", errorType, cancellationToken).ConfigureAwait(false))
                {
                    outcome.DeadLettered++;
                }

                continue;
            }

            reschedule.Add(row);
            attempts = Math.Max(attempts, row.Attempts + 1);
        }

        if (reschedule.Count > 0)
        {
            var delay = Backoff.Delay(attempts, _options.RetryBaseDelay, _options.RetryMaxDelay, retryAfter);
            var lost = await RescheduleRowsAsync(plan, reschedule, _time.GetUtcNow() + delay, reason, cancellationToken).ConfigureAwait(false);
            outcome.Rescheduled = reschedule.Count - lost.Count;
        }

        return outcome;
    }

    /// <summary>
    /// Parks the row until its desired quantity changes and stores a dead letter for its target; nothing when another
    /// worker has claimed the row since.
    /// </summary>
    /// <returns><see langword="false"/> when the row is another worker's now.</returns>
    private async Task<bool> DeadLetterAsync(ChannelPlan plan, InventoryRow row, string reason, string? errorType, CancellationToken cancellationToken, string? id = null)
    {
        // Parked first, under the claim: a row another worker has claimed since is that worker's to push or give up on.
        if ((await RescheduleRowsAsync(plan, [row], DateTimeOffset.MaxValue, reason, cancellationToken).ConfigureAwait(false)).Count > 0)
        {
            return false;
        }

        var now = _time.GetUtcNow();
        var payload = JsonSerializer.Serialize(
            new InventoryDeadLetterPayload(row.Key.Channel, row.Key.ChannelItemId, row.Key.LocationId, row.Desired, row.Sku, row.Version),
            InventoryJsonContext.Default.InventoryDeadLetterPayload);
        var deadLetter = new DeadLetter
        {
            Id = id ?? $"{ConnectorFlows.Inventory}/{row.Key}/v{row.Version}",
            Channel = plan.Name,
            Flow = ConnectorFlows.Inventory,
            Kind = DeadLetterKind,
            Reason = reason,
            ErrorType = errorType,
            Payload = payload,
            Attempts = row.Attempts + 1,
            FirstAttemptAt = row.UpdatedAt,
            DeadLetteredAt = now,
            SourceQueue = null,
        };
        await _store.AddDeadLetterAsync(deadLetter, cancellationToken).ConfigureAwait(false);
        _metrics.DeadLetters.Add(
            1, ConnectorsMetrics.Flow(ConnectorFlows.Inventory), ConnectorsMetrics.Channel(plan.Name), ConnectorsMetrics.ErrorType(errorType));
        Log.DeadLettered(_logger, ConnectorFlows.Inventory, deadLetter.Id, plan.Name, reason);
        return true;
    }

    /// <summary>Reschedules claimed rows under their claim where the store owns leases; returns the rows another worker owns now.</summary>
    private async Task<IReadOnlyList<InventoryKey>> RescheduleRowsAsync(ChannelPlan plan, List<InventoryRow> rows, DateTimeOffset nextAttemptAt, string reason, CancellationToken cancellationToken)
    {
        if (_store is IOwnedInventoryStore owned && rows.Count > 0 && rows[0].LeaseToken is not null)
        {
            var refused = await owned.RescheduleClaimedInventoryAsync(rows, nextAttemptAt, reason, cancellationToken).ConfigureAwait(false);
            LeasesLost(plan, refused, "reschedule");
            return refused;
        }

        await _store.RescheduleInventoryAsync([.. rows.Select(r => r.Key)], nextAttemptAt, reason, cancellationToken).ConfigureAwait(false);
        return [];
    }

    private void LeasesLost(ChannelPlan plan, IReadOnlyList<InventoryKey> keys, string step)
    {
        foreach (var key in keys)
        {
            _metrics.LeasesLost.Add(1, ConnectorsMetrics.Flow(ConnectorFlows.Inventory), ConnectorsMetrics.Channel(plan.Name));
            Log.LeaseLost(_logger, ConnectorFlows.Inventory, key.ToString(), plan.Name, step);
        }
    }

    private void RecordDuration(ChannelPlan plan, long started, string outcome) =>
        _metrics.OperationDuration.Record(
            _time.GetElapsedTime(started).TotalSeconds,
            ConnectorsMetrics.Flow(ConnectorFlows.Inventory),
            ConnectorsMetrics.Channel(plan.Name),
            ConnectorsMetrics.Outcome(outcome));
}
