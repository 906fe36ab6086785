using System.Diagnostics;
using System.Text.Json;
using Connectors.Internal;
using Connectors.Orders.Internal;
using Connectors.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Connectors.DeadLetters.Internal;

/// <summary>
/// The one place the order, fulfilment and returns flows decide between retry and dead letter: transient errors are
/// rescheduled with backoff (honouring Retry-After) until <see cref="ConnectorsOptions.MaxAttempts"/>; permanent
/// ones (validation, mapping, 404, WMS refusal, unreadable payload) are dead-lettered at once with the reason.
/// </summary>
internal sealed class WorkFailures
{
    private readonly ISyncStateStore _store;
    private readonly IOptions<ConnectorsOptions> _options;
    private readonly TimeProvider _time;
    private readonly ConnectorsMetrics _metrics;
    private readonly ILogger _logger;
    private readonly StoppedOrderWindows _windows;

    /// <summary>Span tag: the work item's de-duplication key.</summary>
    internal const string WorkItemTag = "connector.work_item";

    /// <summary>Span tag: how many times the item was claimed.</summary>
    internal const string AttemptTag = "connector.attempt";

    public WorkFailures(
        ISyncStateStore store, IOptions<ConnectorsOptions> options, TimeProvider time, ConnectorsMetrics metrics, ILogger<WorkFailures>? logger = null, IOversellWindow? oversell = null)
    {
        _store = store;
        _options = options;
        _time = time;
        _metrics = metrics;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _windows = new StoppedOrderWindows(store, oversell, _logger);
    }

    /// <summary>
    /// How many items a pass claims at a time. A pass claims up to its batch size in slices of this many, so items a
    /// slow host has not reached yet stay free for the other hosts instead of waiting out its lease behind a slow item.
    /// </summary>
    internal const int ClaimSlice = 10;

    /// <summary>
    /// Runs one pass: claims up to <paramref name="batchSize"/> due items in slices of <see cref="ClaimSlice"/>; each is
    /// processed, then completed; a failure is classified (retry with backoff or dead letter) without stopping the pass.
    /// <paramref name="process"/> returns <see langword="false"/> when it rescheduled the item itself (counted as
    /// retried, not completed). With a store that owns its leases (<see cref="IOwnedWorkItemStore"/>), every item's lease
    /// is renewed before it is processed, every write carries the claim's token, and an item another worker has claimed
    /// since (this worker was paused or slow past its lease) is dropped without any write: counted in
    /// <c>connectors.leases.lost</c>, never retried or dead-lettered here.
    /// </summary>
    public async Task<WorkPassResult> RunPassAsync(
        WorkQueue queue,
        int batchSize,
        Func<WorkItem, string> flowOf,
        Func<WorkItem, WorkLease, CancellationToken, Task<bool>> process,
        CancellationToken cancellationToken)
    {
        int claimed = 0, completed = 0, retried = 0, dead = 0;
        while (claimed < batchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var wanted = Math.Min(ClaimSlice, batchSize - claimed);
            var slice = await _store.ClaimAsync(queue, wanted, _time.GetUtcNow(), _options.Value.LeaseDuration, null, cancellationToken)
                .ConfigureAwait(false);
            if (slice.Count == 0)
            {
                break;
            }

            claimed += slice.Count;
            for (var i = 0; i < slice.Count; i++)
            {
                // The first item was claimed a moment ago; the others may have waited behind slow ones.
                var outcome = await RunItemAsync(queue, slice[i], renewFirst: i > 0, flowOf, process, cancellationToken).ConfigureAwait(false);
                switch (outcome)
                {
                    case WorkOutcomeNames.Completed:
                        completed++;
                        break;
                    case WorkOutcomeNames.Retried:
                        retried++;
                        break;
                    case WorkOutcomeNames.DeadLettered:
                        dead++;
                        break;
                }
            }

            // A short slice means nothing more was due when it was claimed: the pass ends without another query.
            if (slice.Count < wanted)
            {
                break;
            }
        }

        return new WorkPassResult
        {
            Claimed = claimed,
            Completed = completed,
            Retried = retried,
            DeadLettered = dead,
        };
    }

    private async Task<string> RunItemAsync(
        WorkQueue queue, WorkItem item, bool renewFirst, Func<WorkItem, string> flowOf, Func<WorkItem, WorkLease, CancellationToken, Task<bool>> process, CancellationToken cancellationToken)
    {
        var flow = flowOf(item);
        var started = _time.GetTimestamp();

        // One span per item: a trace shows which order or shipment took the time or failed, not just the pass.
        using var activity = ConnectorsMetrics.ActivitySource.StartActivity(flow + " process", ActivityKind.Internal);
        activity?.SetTag(ConnectorsTelemetry.ChannelTag, item.Channel);
        activity?.SetTag(ConnectorsTelemetry.FlowTag, flow);
        activity?.SetTag(WorkItemTag, item.Id);
        activity?.SetTag(AttemptTag, item.Attempts);
        var lease = new WorkLease(this, queue, item);
        string outcome;
        try
        {
            if (renewFirst)
            {
                await lease.EnsureOwnedAsync("processing", cancellationToken).ConfigureAwait(false);
            }

            if (!await process(item, lease, cancellationToken).ConfigureAwait(false))
            {
                outcome = WorkOutcomeNames.Retried;
            }
            else
            {
                outcome = await CompleteAsync(queue, item, flow, cancellationToken).ConfigureAwait(false) == ClaimWriteResult.Written
                    ? WorkOutcomeNames.Completed
                    : WorkOutcomeNames.LeaseLost;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            activity?.SetStatus(ActivityStatusCode.Error, "cancelled");
            throw;
        }
        catch (LeaseLostException lost)
        {
            LeaseLost(item, flow, lost.Step);
            outcome = WorkOutcomeNames.LeaseLost;
        }
#pragma warning disable CA1031 // Any failure of one item is classified (retry or dead letter); it must not stop the pass.
        catch (Exception error)
#pragma warning restore CA1031
        {
            activity?.SetStatus(ActivityStatusCode.Error, error.GetType().Name);
            activity?.SetTag(ConnectorsTelemetry.ErrorTypeTag, Classify(error).ErrorType);
            outcome = await HandleAsync(queue, item, flow, error, cancellationToken).ConfigureAwait(false) switch
            {
                WorkOutcome.Retried => WorkOutcomeNames.Retried,
                WorkOutcome.DeadLettered => WorkOutcomeNames.DeadLettered,
                _ => WorkOutcomeNames.LeaseLost,
            };
        }

        activity?.SetTag(ConnectorsTelemetry.OutcomeTag, outcome);
        _metrics.OperationDuration.Record(
            _time.GetElapsedTime(started).TotalSeconds,
            ConnectorsMetrics.Flow(flow),
            ConnectorsMetrics.Channel(item.Channel),
            ConnectorsMetrics.Outcome(outcome));
        return outcome;
    }

    /// <summary>Renews the lease of a claimed item; <see langword="false"/> when another worker owns it now. A store without owned leases always says yes.</summary>
    internal async ValueTask<bool> TryRenewAsync(WorkQueue queue, WorkItem item, CancellationToken cancellationToken) =>
        _store is not IOwnedWorkItemStore owned || item.LeaseToken is null
        || await owned.RenewClaimAsync(queue, item, _time.GetUtcNow(), _options.Value.LeaseDuration, cancellationToken).ConfigureAwait(false) == ClaimWriteResult.Written;

    /// <summary>Reschedules a claimed item under its lease (the flow's own retry, such as a busy order); logs and counts a lost lease.</summary>
    internal async ValueTask<ClaimWriteResult> RescheduleAsync(WorkQueue queue, WorkItem item, string flow, DateTimeOffset nextAttemptAt, string reason, CancellationToken cancellationToken)
    {
        if (_store is IOwnedWorkItemStore owned && item.LeaseToken is not null)
        {
            var result = await owned.RescheduleClaimedAsync(queue, item, nextAttemptAt, reason, cancellationToken).ConfigureAwait(false);
            if (result == ClaimWriteResult.NotOwner)
            {
                LeaseLost(item, flow, "reschedule");
            }

            return result;
        }

        await _store.RescheduleAsync(queue, item.Id, nextAttemptAt, reason, cancellationToken).ConfigureAwait(false);
        return ClaimWriteResult.Written;
    }

    private async ValueTask<ClaimWriteResult> CompleteAsync(WorkQueue queue, WorkItem item, string flow, CancellationToken cancellationToken)
    {
        if (_store is IOwnedWorkItemStore owned && item.LeaseToken is not null)
        {
            var result = await owned.CompleteClaimedAsync(queue, item, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            if (result == ClaimWriteResult.NotOwner)
            {
                LeaseLost(item, flow, "complete");
            }

            return result;
        }

        await _store.CompleteAsync(queue, item.Id, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        return ClaimWriteResult.Written;
    }

    private void LeaseLost(WorkItem item, string flow, string step)
    {
        _metrics.LeasesLost.Add(1, ConnectorsMetrics.Flow(flow), ConnectorsMetrics.Channel(item.Channel));
        Log.LeaseLost(_logger, flow, item.Id, item.Channel, step);
    }

    public async ValueTask<WorkOutcome> HandleAsync(WorkQueue queue, WorkItem item, string flow, Exception error, CancellationToken cancellationToken)
    {
        var (transient, retryAfter, errorType) = Classify(error);
        var options = _options.Value;
        var now = _time.GetUtcNow();
        if (transient && item.Attempts < options.MaxAttempts)
        {
            var delay = Backoff.Delay(item.Attempts, options.RetryBaseDelay, options.RetryMaxDelay, retryAfter);
            if (await RescheduleAsync(queue, item, flow, now + delay, error.Message, cancellationToken).ConfigureAwait(false) == ClaimWriteResult.NotOwner)
            {
                return WorkOutcome.LeaseLost;
            }

            Log.WorkRetried(_logger, flow, item.Id, item.Channel, item.Attempts, delay, error.Message, error);
            return WorkOutcome.Retried;
        }

        var reason = transient ? $"gave up after {item.Attempts} attempts: {error.Message}" : error.Message;
        if (_store is IOwnedWorkItemStore owned && item.LeaseToken is not null)
        {
            // Another worker owns the item now: its outcome decides, not this worker's failure.
            if (await owned.DeadLetterClaimedAsync(queue, item, flow, reason, errorType, now, cancellationToken).ConfigureAwait(false) is null)
            {
                LeaseLost(item, flow, "dead letter");
                return WorkOutcome.LeaseLost;
            }
        }
        else
        {
            await _store.MoveToDeadLetterAsync(queue, item.Id, flow, reason, errorType, now, cancellationToken).ConfigureAwait(false);
        }

        // An order that stopped must not keep lowering every channel's availability.
        await _windows.EndQuietlyAsync(queue, item.Id, item.Kind, item.Payload, cancellationToken).ConfigureAwait(false);
        _metrics.DeadLetters.Add(1, ConnectorsMetrics.Flow(flow), ConnectorsMetrics.Channel(item.Channel), ConnectorsMetrics.ErrorType(errorType));
        if (error is WarehouseRefusedException)
        {
            _metrics.OrderExceptions.Add(1, ConnectorsMetrics.Flow(flow), ConnectorsMetrics.Channel(item.Channel));
        }

        Log.DeadLettered(_logger, flow, item.Id, item.Channel, reason, error);
        return WorkOutcome.DeadLettered;
    }

    internal static (bool Transient, TimeSpan? RetryAfter, string ErrorType) Classify(Exception error) => error switch
    {
        WarehouseRefusedException => (false, null, WorkKinds.WarehouseRefused),
        MappingException => (false, null, "mapping"),
        ConnectorValidationException => (false, null, "validation"),
        ConnectorRequestFailedException failed => (failed.IsTransient, failed.RetryAfter, failed.StatusCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? failed.GetType().Name),
        ConnectorException connector => (connector.IsTransient, null, connector.GetType().Name),
        JsonException => (false, null, "payload"),
        NotSupportedException => (false, null, error.GetType().Name),

        // Anything else (a timeout, a socket error, a bug in a host port) is retried, then dead-lettered.
        _ => (true, null, error.GetType().Name),
    };
}
