using System.Diagnostics;
using System.Text.Json;
using Connectors.Internal;
using Connectors.Telemetry;

namespace Connectors.Prices.Internal;

/// <summary>Dispatch: claim pending rows that are not held, push them in batches, record each item's outcome.</summary>
internal sealed partial class PriceEngine
{
    public async Task<PriceDispatchResult> DispatchAsync(string channel, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(channel);
        var port = GetChannel(channel);
        var store = Prices;
        var batchSize = Math.Max(1, port.MaxPriceBatchSize);
        var total = new Tally();
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var rows = await store.ClaimPendingPricesAsync(port.Name, batchSize, _time.GetUtcNow(), _options.LeaseDuration, cancellationToken).ConfigureAwait(false);
            if (rows.Count == 0)
            {
                break;
            }

            await PushBatchAsync(port, rows, total, cancellationToken).ConfigureAwait(false);
        }

        return new PriceDispatchResult
        {
            Channel = port.Name,
            Batches = total.Batches,
            Applied = total.Applied,
            Rejected = total.Rejected,
            Rescheduled = total.Rescheduled,
            DeadLettered = total.DeadLettered,
        };
    }

    private async Task PushBatchAsync(IPriceChannel port, IReadOnlyList<PriceRow> rows, Tally tally, CancellationToken cancellationToken)
    {
        var targets = new PriceTarget[rows.Count];
        for (var i = 0; i < targets.Length; i++)
        {
            targets[i] = new PriceTarget { ChannelItemId = rows[i].Key.ChannelItemId, Price = rows[i].Desired, Sku = rows[i].Sku };
        }

        tally.Batches++;
        var started = _time.GetTimestamp();
        using var activity = ConnectorsMetrics.ActivitySource.StartActivity("prices push", ActivityKind.Client);
        activity?.SetTag(ConnectorsTelemetry.ChannelTag, port.Name);
        activity?.SetTag(ConnectorsTelemetry.FlowTag, ConnectorFlows.Prices);
        IReadOnlyList<PricePushItemResult> results;
        try
        {
            results = await port.PushPricesAsync(targets, cancellationToken).ConfigureAwait(false);
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
            RecordDuration(port, started, "failed");
            _metrics.PricePushes.Add(1, ConnectorsMetrics.Channel(port.Name), ConnectorsMetrics.Outcome("failed"));
            var transient = ex is not ConnectorException connector || connector.IsTransient;
            var errorType = (ex as ConnectorRequestFailedException)?.ErrorCode ?? ex.GetType().Name;
            Log.PriceBatchFailed(_logger, port.Name, rows.Count, transient, ex.Message, ex);
            if (!transient)
            {
                foreach (var row in rows)
                {
                    await DeadLetterRowAsync(port, row, ex.Message, errorType, cancellationToken).ConfigureAwait(false);
                }

                tally.DeadLettered += rows.Count;
                return;
            }

            await RetryAsync(port, rows, ex.Message, errorType, (ex as ConnectorRequestFailedException)?.RetryAfter, tally, cancellationToken).ConfigureAwait(false);
            return;
        }

        RecordDuration(port, started, "success");
        _metrics.PricePushes.Add(1, ConnectorsMetrics.Channel(port.Name), ConnectorsMetrics.Outcome("success"));
        var index = new Dictionary<string, int>(rows.Count, StringComparer.Ordinal);
        for (var i = 0; i < rows.Count; i++)
        {
            index[rows[i].Key.ChannelItemId + "\n" + rows[i].Key.Currency] = i;
        }

        var handled = new bool[rows.Count];
        var acknowledgements = new List<PriceAcknowledgement>(rows.Count);
        var retry = new List<PriceRow>();
        string? retryReason = null;
        TimeSpan? retryAfter = null;
        foreach (var result in results ?? [])
        {
            if (result?.Target?.Price is null || !index.TryGetValue(result.Target.ChannelItemId + "\n" + result.Target.Price.Currency, out var i) || handled[i])
            {
                continue;
            }

            handled[i] = true;
            switch (result.Outcome)
            {
                case PushOutcome.Applied:
                    acknowledgements.Add(new PriceAcknowledgement(rows[i].Key, rows[i].Desired));
                    break;
                case PushOutcome.Rejected:
                    tally.Rejected++;
                    tally.DeadLettered++;
                    _metrics.PricesPushedItems.Add(1, ConnectorsMetrics.Channel(port.Name), ConnectorsMetrics.Outcome("rejected"));
                    await DeadLetterRowAsync(port, rows[i], result.Reason ?? "rejected by the channel", result.ErrorCode ?? "rejected", cancellationToken).ConfigureAwait(false);
                    break;
                default:
                    retry.Add(rows[i]);
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
                retry.Add(rows[i]);
                retryReason ??= "the channel returned no result for the item";
            }
        }

        if (acknowledgements.Count > 0)
        {
            await Prices.AcknowledgePricesAsync(acknowledgements, cancellationToken).ConfigureAwait(false);
            tally.Applied += acknowledgements.Count;
            _metrics.PricesPushedItems.Add(acknowledgements.Count, ConnectorsMetrics.Channel(port.Name), ConnectorsMetrics.Outcome("applied"));
        }

        if (retry.Count > 0)
        {
            _metrics.PricesPushedItems.Add(retry.Count, ConnectorsMetrics.Channel(port.Name), ConnectorsMetrics.Outcome("retry"));
            await RetryAsync(port, retry, retryReason ?? "retry", "retry", retryAfter, tally, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Reschedules rows with backoff, or dead-letters those that used their last attempt.</summary>
    private async Task RetryAsync(
        IPriceChannel port, IReadOnlyList<PriceRow> rows, string reason, string errorType, TimeSpan? retryAfter, Tally tally, CancellationToken cancellationToken)
    {
        var reschedule = new List<PriceKey>(rows.Count);
        var attempts = 0;
        foreach (var row in rows)
        {
            if (row.Attempts + 1 >= _options.MaxAttempts)
            {
                await DeadLetterRowAsync(port, row, $"gave up after {row.Attempts + 1} attempts: {reason}", errorType, cancellationToken).ConfigureAwait(false);
                tally.DeadLettered++;
                continue;
            }

            reschedule.Add(row.Key);
            attempts = Math.Max(attempts, row.Attempts + 1);
        }

        if (reschedule.Count > 0)
        {
            var delay = Backoff.Delay(attempts, _options.RetryBaseDelay, _options.RetryMaxDelay, retryAfter);
            await Prices.ReschedulePricesAsync(reschedule, _time.GetUtcNow() + delay, reason, cancellationToken).ConfigureAwait(false);
            tally.Rescheduled += reschedule.Count;
        }
    }

    /// <summary>Stores a dead letter for the row's price and parks the row until its desired price changes.</summary>
    private async Task DeadLetterRowAsync(IPriceChannel port, PriceRow row, string reason, string? errorType, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var payload = JsonSerializer.Serialize(
            new PriceDeadLetterPayload
            {
                Channel = row.Key.Channel,
                ChannelItemId = row.Key.ChannelItemId,
                Currency = row.Key.Currency,
                Price = row.Desired.ToInvariantString(),
                Sku = row.Sku,
                Version = row.Version,
            },
            PriceJsonContext.Default.PriceDeadLetterPayload);
        var letter = new DeadLetter
        {
            Id = $"{ConnectorFlows.Prices}/{row.Key}/v{row.Version}",
            Channel = port.Name,
            Flow = ConnectorFlows.Prices,
            Kind = TargetKind,
            Reason = reason,
            ErrorType = errorType,
            Payload = payload,
            Attempts = row.Attempts + 1,
            FirstAttemptAt = row.UpdatedAt,
            DeadLetteredAt = now,
            SourceQueue = null,
        };
        await _store.AddDeadLetterAsync(letter, cancellationToken).ConfigureAwait(false);
        await Prices.ReschedulePricesAsync([row.Key], DateTimeOffset.MaxValue, reason, cancellationToken).ConfigureAwait(false);
        _metrics.DeadLetters.Add(1, ConnectorsMetrics.Flow(ConnectorFlows.Prices), ConnectorsMetrics.Channel(port.Name), ConnectorsMetrics.ErrorType(errorType));
        Log.DeadLettered(_logger, ConnectorFlows.Prices, letter.Id, port.Name, reason);
    }

    private void RecordDuration(IPriceChannel port, long started, string outcome) =>
        _metrics.OperationDuration.Record(
            _time.GetElapsedTime(started).TotalSeconds,
            ConnectorsMetrics.Flow(ConnectorFlows.Prices),
            ConnectorsMetrics.Channel(port.Name),
            ConnectorsMetrics.Outcome(outcome));

    private sealed class Tally
    {
        public int Batches { get; set; }

        public int Applied { get; set; }

        public int Rejected { get; set; }

        public int Rescheduled { get; set; }

        public int DeadLettered { get; set; }
    }
}
