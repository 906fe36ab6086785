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
    /// Runs one pass over claimed items: each is processed, then completed; a failure is classified (retry with
    /// backoff or dead letter) without stopping the pass. <paramref name="process"/> returns <see langword="false"/>
    /// when it rescheduled the item itself (counted as retried, not completed).
    /// </summary>
    public async Task<WorkPassResult> RunPassAsync(
        WorkQueue queue,
        IReadOnlyList<WorkItem> items,
        Func<WorkItem, string> flowOf,
        Func<WorkItem, CancellationToken, Task<bool>> process,
        CancellationToken cancellationToken)
    {
        int completed = 0, retried = 0, dead = 0;
        foreach (var item in items)
        {
            var flow = flowOf(item);
            var started = _time.GetTimestamp();

            // One span per item: a trace shows which order or shipment took the time or failed, not just the pass.
            using var activity = ConnectorsMetrics.ActivitySource.StartActivity(flow + " process", ActivityKind.Internal);
            activity?.SetTag(ConnectorsTelemetry.ChannelTag, item.Channel);
            activity?.SetTag(ConnectorsTelemetry.FlowTag, flow);
            activity?.SetTag(WorkItemTag, item.Id);
            activity?.SetTag(AttemptTag, item.Attempts);
            string outcome;
            try
            {
                if (!await process(item, cancellationToken).ConfigureAwait(false))
                {
                    retried++;
                    outcome = WorkOutcomeNames.Retried;
                }
                else
                {
                    await _store.CompleteAsync(queue, item.Id, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
                    completed++;
                    outcome = WorkOutcomeNames.Completed;
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                activity?.SetStatus(ActivityStatusCode.Error, "cancelled");
                throw;
            }
#pragma warning disable CA1031 // Any failure of one item is classified (retry or dead letter); it must not stop the pass.
            catch (Exception error)
#pragma warning restore CA1031
            {
                activity?.SetStatus(ActivityStatusCode.Error, error.GetType().Name);
                activity?.SetTag(ConnectorsTelemetry.ErrorTypeTag, Classify(error).ErrorType);
                if (await HandleAsync(queue, item, flow, error, cancellationToken).ConfigureAwait(false) == WorkOutcome.Retried)
                {
                    retried++;
                    outcome = WorkOutcomeNames.Retried;
                }
                else
                {
                    dead++;
                    outcome = WorkOutcomeNames.DeadLettered;
                }
            }

            activity?.SetTag(ConnectorsTelemetry.OutcomeTag, outcome);
            _metrics.OperationDuration.Record(
                _time.GetElapsedTime(started).TotalSeconds,
                ConnectorsMetrics.Flow(flow),
                ConnectorsMetrics.Channel(item.Channel),
                ConnectorsMetrics.Outcome(outcome));
        }

        return new WorkPassResult(items.Count, completed, retried, dead);
    }

    public async ValueTask<WorkOutcome> HandleAsync(WorkQueue queue, WorkItem item, string flow, Exception error, CancellationToken cancellationToken)
    {
        var (transient, retryAfter, errorType) = Classify(error);
        var options = _options.Value;
        var now = _time.GetUtcNow();
        if (transient && item.Attempts < options.MaxAttempts)
        {
            var delay = Backoff.Delay(item.Attempts, options.RetryBaseDelay, options.RetryMaxDelay, retryAfter);
            await _store.RescheduleAsync(queue, item.Id, now + delay, error.Message, cancellationToken).ConfigureAwait(false);
            Log.WorkRetried(_logger, flow, item.Id, item.Channel, item.Attempts, delay, error.Message, error);
            return WorkOutcome.Retried;
        }

        var reason = transient ? $"gave up after {item.Attempts} attempts: {error.Message}" : error.Message;
        await _store.MoveToDeadLetterAsync(queue, item.Id, flow, reason, errorType, now, cancellationToken).ConfigureAwait(false);

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
