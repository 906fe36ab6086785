using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Connectors.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Connectors.Performance.Internal;

/// <summary>
/// Records order and shipment events into the timelines (for the order and fulfilment flows) and computes seller
/// performance from them. See <see cref="ISellerPerformance"/> and docs/seller-performance.md.
/// </summary>
internal sealed class SellerPerformanceService : ISellerPerformance
{
    private static readonly TimeSpan Week = TimeSpan.FromDays(7);
    private static readonly TimeSpan Month = TimeSpan.FromDays(30);

    private readonly IOrderTimelineStore _timelines;
    private readonly TimeProvider _time;
    private readonly IOptionsMonitor<SellerPerformanceOptions> _options;
    private readonly SellerPerformanceMetrics _metrics;
    private readonly ILogger _logger;

    // Alert state lives in the process: after a restart a figure still beyond its threshold is reported once more.
    private readonly ConcurrentDictionary<(string Channel, SellerPerformanceMetric Metric, TimeSpan Window), bool> _crossed = new();
    private readonly ConcurrentDictionary<string, AtRiskSeen> _seen = new(StringComparer.Ordinal);

    public SellerPerformanceService(
        ISyncStateStore store,
        TimeProvider time,
        IOptionsMonitor<SellerPerformanceOptions> options,
        SellerPerformanceMetrics metrics,
        ILogger<SellerPerformanceService>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        _time = time;
        _options = options;
        _metrics = metrics;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        if (store is IOrderTimelineStore timelines)
        {
            _timelines = timelines;
        }
        else
        {
            _timelines = new InMemoryOrderTimelines();
            Log.TimelinesInMemory(_logger, store.GetType().Name);
        }
    }

    // Recording ------------------------------------------------------------------------------------------------

    /// <summary>Records what the order flow decided about an order; <paramref name="shipBy"/> is the mapped warehouse order's.</summary>
    public ValueTask OrderDecidedAsync(ChannelOrder order, DateTimeOffset? shipBy, Decision decision, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        return _timelines.RecordOrderTimelineAsync(
            new OrderTimeline
            {
                Channel = order.Channel,
                OrderId = order.OrderId,
                PlacedAt = order.CreatedAt,
                ShipBy = shipBy ?? order.ShipBy,
                AcceptedAt = decision == Decision.Accepted ? now : null,
                RefusedAt = decision == Decision.Refused ? now : null,
                CancelledAt = decision == Decision.Cancelled ? now : null,
            },
            cancellationToken);
    }

    /// <summary>Records a shipment the channel has (created now, or found already present on a retry).</summary>
    public async ValueTask ShipmentConfirmedAsync(WarehouseShipment shipment, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        await _timelines.RecordShipmentTimelineAsync(
            new ShipmentTimeline
            {
                Channel = shipment.Channel,
                OrderId = shipment.ChannelOrderId,
                ShipmentId = shipment.ShipmentId,
                ShippedAt = shipment.ShippedAt,
                ConfirmedAt = now,
                Carrier = shipment.Carrier,
                ValidTracking = HasValidTracking(shipment),
            },
            cancellationToken).ConfigureAwait(false);
        await _timelines.RecordOrderTimelineAsync(
            new OrderTimeline { Channel = shipment.Channel, OrderId = shipment.ChannelOrderId, FirstConfirmedAt = now },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A carrier and at least one tracking number, every one matching its carrier's format (a parcel's own carrier first).</summary>
    internal static bool HasValidTracking(WarehouseShipment shipment)
    {
        if (shipment.Tracking.Count == 0)
        {
            return false;
        }

        foreach (var parcel in shipment.Tracking)
        {
            if (!TrackingNumberFormats.IsValid(parcel.Carrier ?? shipment.Carrier, parcel.Number))
            {
                return false;
            }
        }

        return true;
    }

    // Computing ------------------------------------------------------------------------------------------------

    public async Task<SellerPerformanceReport> GetReportAsync(string channel, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(channel);
        var (report, _) = await ComputeAsync(channel, cancellationToken).ConfigureAwait(false);
        return report;
    }

    public async IAsyncEnumerable<OrderAtRisk> ListAtRiskAsync(string channel, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(channel);
        var (_, atRisk) = await ComputeAsync(channel, cancellationToken).ConfigureAwait(false);
        foreach (var order in atRisk)
        {
            yield return order;
        }
    }

    public async Task<SellerPerformanceReport> EvaluateAsync(string channel, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(channel);
        var options = _options.CurrentValue;
        await _timelines.PruneTimelinesAsync(_time.GetUtcNow() - options.Retention, cancellationToken).ConfigureAwait(false);
        var (report, atRisk) = await ComputeAsync(channel, cancellationToken).ConfigureAwait(false);
        var tag = ConnectorsMetrics.Channel(channel);
        foreach (var window in new[] { report.Last7Days, report.Last30Days })
        {
            var w = SellerPerformanceMetrics.Window(window.Length);
            Record(_metrics.LateShipmentRate, window.LateShipmentRate, tag, w);
            Record(_metrics.ValidTrackingRate, window.ValidTrackingRate, tag, w);
            Record(_metrics.CancellationRate, window.CancellationRate, tag, w);
            Record(_metrics.OrderToWarehouse, window.MedianOrderToWarehouse?.TotalSeconds, tag, w);
            Record(_metrics.ShipToChannel, window.MedianShipToChannel?.TotalSeconds, tag, w);
        }

        _metrics.OrdersAtRisk.Record(report.OrdersAtRisk, tag);
        _metrics.OrdersOverdue.Record(report.OrdersOverdue, tag);
        Alert(channel, report, Thresholds(channel, options));
        LogAtRisk(channel, atRisk);
        return report;
    }

    private static void Record(System.Diagnostics.Metrics.Gauge<double> gauge, double? value, KeyValuePair<string, object?> channel, KeyValuePair<string, object?> window)
    {
        if (value is { } v)
        {
            gauge.Record(v, channel, window);
        }
    }

    private void Alert(string channel, SellerPerformanceReport report, SellerPerformanceThresholds thresholds)
    {
        foreach (var window in new[] { report.Last7Days, report.Last30Days })
        {
            foreach (var metric in Enum.GetValues<SellerPerformanceMetric>())
            {
                var (value, sample, limit) = Figure(window, metric, thresholds);
                if (value is not { } v || sample < thresholds.MinimumSample)
                {
                    continue;
                }

                var key = (channel, metric, window.Length);
                var beyond = Beyond(metric, v, limit);
                var was = _crossed.TryGetValue(key, out var crossed) && crossed;
                if (beyond == was)
                {
                    continue;
                }

                _crossed[key] = beyond;
                var name = SellerPerformanceMetrics.MetricName(metric);
                var windowName = SellerPerformanceMetrics.WindowName(window.Length);
                _metrics.ThresholdCrossings.Add(
                    1,
                    ConnectorsMetrics.Channel(channel),
                    SellerPerformanceMetrics.Metric(metric),
                    SellerPerformanceMetrics.Window(window.Length),
                    ConnectorsMetrics.Outcome(beyond ? "crossed" : "recovered"));
                if (beyond)
                {
                    Log.PerformanceThresholdCrossed(_logger, channel, name, windowName, v, limit);
                }
                else
                {
                    Log.PerformanceThresholdRecovered(_logger, channel, name, windowName, v, limit);
                }
            }
        }
    }

    private void LogAtRisk(string channel, IReadOnlyList<OrderAtRisk> atRisk)
    {
        var seen = _seen.GetOrAdd(channel, _ => new AtRiskSeen());
        lock (seen)
        {
            var current = new HashSet<string>(StringComparer.Ordinal);
            foreach (var order in atRisk)
            {
                current.Add(order.OrderId);
                if (order.IsLate)
                {
                    if (seen.Late.Add(order.OrderId))
                    {
                        Log.OrderLate(_logger, order.OrderId, channel, order.ShipBy);
                    }
                }
                else if (seen.AtRisk.Add(order.OrderId))
                {
                    Log.OrderAtRisk(_logger, order.OrderId, channel, order.ShipBy, order.TimeLeft);
                }
            }

            // Orders no longer at risk (shipped, cancelled, out of the window) are forgotten, so the sets stay small.
            seen.AtRisk.IntersectWith(current);
            seen.Late.IntersectWith(current);
        }
    }

    private static (double? Value, int Sample, double Limit) Figure(SellerPerformanceWindow window, SellerPerformanceMetric metric, SellerPerformanceThresholds thresholds) => metric switch
    {
        SellerPerformanceMetric.LateShipmentRate => (window.LateShipmentRate, window.OrdersDue, thresholds.MaxLateShipmentRate),
        SellerPerformanceMetric.CancellationRate => (window.CancellationRate, window.OrdersPlaced, thresholds.MaxCancellationRate),
        _ => (window.ValidTrackingRate, window.ShipmentsConfirmed, thresholds.MinValidTrackingRate),
    };

    /// <summary>The published targets are strict ("under 4 %", "above 95 %"), so a rate at the threshold is beyond it.</summary>
    private static bool Beyond(SellerPerformanceMetric metric, double value, double limit) =>
        metric == SellerPerformanceMetric.ValidTrackingRate ? value <= limit : value >= limit;

    private static SellerPerformanceThresholds Thresholds(string channel, SellerPerformanceOptions options) =>
        options.Channels.TryGetValue(channel, out var own) && own is not null ? own : options.Thresholds;

    private async Task<(SellerPerformanceReport Report, IReadOnlyList<OrderAtRisk> AtRisk)> ComputeAsync(string channel, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var since = now - Month;
        var orders = new List<OrderTimeline>();
        await foreach (var order in _timelines.ListOrderTimelinesAsync(channel, since, cancellationToken).ConfigureAwait(false))
        {
            orders.Add(order);
        }

        var shipments = new List<ShipmentTimeline>();
        await foreach (var shipment in _timelines.ListShipmentTimelinesAsync(channel, since, cancellationToken).ConfigureAwait(false))
        {
            shipments.Add(shipment);
        }

        var lead = _options.CurrentValue.AtRiskLead;
        var atRisk = orders
            .Where(o => o.ShipBy is { } shipBy && IsOpen(o) && now >= shipBy - lead)
            .Select(o => new OrderAtRisk { Channel = channel, OrderId = o.OrderId, ShipBy = o.ShipBy!.Value, TimeLeft = o.ShipBy.Value - now, PlacedAt = o.PlacedAt, AcceptedAt = o.AcceptedAt })
            .OrderBy(o => o.ShipBy)
            .ThenBy(o => o.OrderId, StringComparer.Ordinal)
            .ToArray();
        var report = new SellerPerformanceReport
        {
            Channel = channel,
            ComputedAt = now,
            Last7Days = Window(Week, now, orders, shipments),
            Last30Days = Window(Month, now, orders, shipments),
            OrdersAtRisk = atRisk.Length,
            OrdersOverdue = atRisk.Count(o => o.IsLate),
        };
        var thresholds = Thresholds(channel, _options.CurrentValue);
        var breaches = new List<SellerPerformanceBreach>();
        foreach (var window in new[] { report.Last7Days, report.Last30Days })
        {
            foreach (var metric in Enum.GetValues<SellerPerformanceMetric>())
            {
                var (value, sample, limit) = Figure(window, metric, thresholds);
                if (value is { } v && sample >= thresholds.MinimumSample && Beyond(metric, v, limit))
                {
                    breaches.Add(new SellerPerformanceBreach { Metric = metric, Window = window.Length, Value = v, Threshold = limit });
                }
            }
        }

        return (new SellerPerformanceReport
        {
            Channel = report.Channel,
            ComputedAt = report.ComputedAt,
            Last7Days = report.Last7Days,
            Last30Days = report.Last30Days,
            OrdersAtRisk = report.OrdersAtRisk,
            OrdersOverdue = report.OrdersOverdue,
            Breaches = breaches,
        }, atRisk);
    }

    /// <summary>Not confirmed shipped, not cancelled, and not refused by a WMS that never accepted it.</summary>
    private static bool IsOpen(OrderTimeline order) =>
        order.FirstConfirmedAt is null && order.CancelledAt is null && !(order.RefusedAt is not null && order.AcceptedAt is null);

    /// <summary>Cancelled before its first shipment was confirmed, or refused by the WMS and never accepted.</summary>
    private static bool CancelledBeforeFulfillment(OrderTimeline order) =>
        (order.CancelledAt is { } cancelled && (order.FirstConfirmedAt is null || cancelled <= order.FirstConfirmedAt))
        || (order.RefusedAt is not null && order.AcceptedAt is null);

    private static SellerPerformanceWindow Window(TimeSpan length, DateTimeOffset now, List<OrderTimeline> orders, List<ShipmentTimeline> shipments)
    {
        var from = now - length;
        int due = 0, late = 0, placed = 0, cancelled = 0, confirmed = 0, valid = 0;
        var toWarehouse = new List<TimeSpan>();
        foreach (var order in orders)
        {
            // Due: the deadline fell in the window and has passed; an order cancelled before shipping is not measured.
            if (order.ShipBy is { } shipBy && shipBy >= from && shipBy < now && !CancelledBeforeFulfillment(order))
            {
                due++;
                if (order.FirstConfirmedAt is not { } first || first > shipBy)
                {
                    late++;
                }
            }

            if (order.PlacedAt is { } at && at >= from && at <= now)
            {
                placed++;
                if (CancelledBeforeFulfillment(order))
                {
                    cancelled++;
                }

                if (order.AcceptedAt is { } accepted)
                {
                    toWarehouse.Add(accepted > at ? accepted - at : TimeSpan.Zero);
                }
            }
        }

        var toChannel = new List<TimeSpan>();
        foreach (var shipment in shipments)
        {
            if (shipment.ConfirmedAt >= from && shipment.ConfirmedAt <= now)
            {
                confirmed++;
                if (shipment.ValidTracking)
                {
                    valid++;
                }

                toChannel.Add(shipment.ConfirmedAt > shipment.ShippedAt ? shipment.ConfirmedAt - shipment.ShippedAt : TimeSpan.Zero);
            }
        }

        return new SellerPerformanceWindow
        {
            Length = length,
            From = from,
            To = now,
            OrdersDue = due,
            LateShipments = late,
            LateShipmentRate = Rate(late, due),
            ShipmentsConfirmed = confirmed,
            ValidTrackingShipments = valid,
            ValidTrackingRate = Rate(valid, confirmed),
            OrdersPlaced = placed,
            CancelledBeforeFulfillment = cancelled,
            CancellationRate = Rate(cancelled, placed),
            MedianOrderToWarehouse = Median(toWarehouse),
            MedianShipToChannel = Median(toChannel),
        };
    }

    private static double? Rate(int part, int whole) => whole == 0 ? null : (double)part / whole;

    internal static TimeSpan? Median(List<TimeSpan> values)
    {
        if (values.Count == 0)
        {
            return null;
        }

        values.Sort();
        var middle = values.Count / 2;
        return values.Count % 2 == 1 ? values[middle] : values[middle - 1] + ((values[middle] - values[middle - 1]) / 2);
    }

    /// <summary>What the order flow decided, for the timeline.</summary>
    internal enum Decision
    {
        /// <summary>Received, held or rejected by the release rules, or updated: placement and ship-by only.</summary>
        Seen,

        /// <summary>Accepted by the WMS.</summary>
        Accepted,

        /// <summary>Refused by the WMS.</summary>
        Refused,

        /// <summary>Cancelled.</summary>
        Cancelled,
    }

    private sealed class AtRiskSeen
    {
        public HashSet<string> AtRisk { get; } = new(StringComparer.Ordinal);

        public HashSet<string> Late { get; } = new(StringComparer.Ordinal);
    }
}
