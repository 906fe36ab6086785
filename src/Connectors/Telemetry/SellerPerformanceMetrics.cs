using System.Diagnostics.Metrics;

namespace Connectors.Telemetry;

/// <summary>Seller-performance instruments on the one <c>Connectors</c> meter, recorded by <see cref="ISellerPerformance.EvaluateAsync"/>.</summary>
internal sealed class SellerPerformanceMetrics
{
    public SellerPerformanceMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(ConnectorsTelemetry.Name);
        LateShipmentRate = meter.CreateGauge<double>(
            "connectors.performance.late_shipment_rate", "1", "Late shipment rate of a channel over a rolling window.");
        ValidTrackingRate = meter.CreateGauge<double>(
            "connectors.performance.valid_tracking_rate", "1", "Valid tracking rate of a channel over a rolling window.");
        CancellationRate = meter.CreateGauge<double>(
            "connectors.performance.cancellation_rate", "1", "Pre-fulfilment cancellation rate of a channel over a rolling window.");
        OrderToWarehouse = meter.CreateGauge<double>(
            "connectors.performance.order_to_wms", "s", "Median time from order placement to WMS acceptance over a rolling window.");
        ShipToChannel = meter.CreateGauge<double>(
            "connectors.performance.ship_to_channel", "s", "Median time from a shipment leaving the warehouse to its confirmation on the channel over a rolling window.");
        OrdersAtRisk = meter.CreateGauge<long>(
            "connectors.performance.orders_at_risk", "{order}", "Open orders close to or past their ship-by.");
        OrdersOverdue = meter.CreateGauge<long>(
            "connectors.performance.orders_overdue", "{order}", "Open orders past their ship-by.");
        ThresholdCrossings = meter.CreateCounter<long>(
            "connectors.performance.threshold_crossings", "{event}", "Seller-performance figures crossing their threshold (outcome crossed) or coming back within it (outcome recovered).");
    }

    public Gauge<double> LateShipmentRate { get; }

    public Gauge<double> ValidTrackingRate { get; }

    public Gauge<double> CancellationRate { get; }

    public Gauge<double> OrderToWarehouse { get; }

    public Gauge<double> ShipToChannel { get; }

    public Gauge<long> OrdersAtRisk { get; }

    public Gauge<long> OrdersOverdue { get; }

    public Counter<long> ThresholdCrossings { get; }

    public static KeyValuePair<string, object?> Window(TimeSpan window) => new(ConnectorsTelemetry.WindowTag, WindowName(window));

    public static KeyValuePair<string, object?> Metric(SellerPerformanceMetric metric) => new(ConnectorsTelemetry.MetricTag, MetricName(metric));

    public static string WindowName(TimeSpan window) => $"{(int)window.TotalDays}d";

    public static string MetricName(SellerPerformanceMetric metric) => metric switch
    {
        SellerPerformanceMetric.LateShipmentRate => "late_shipment_rate",
        SellerPerformanceMetric.CancellationRate => "cancellation_rate",
        _ => "valid_tracking_rate",
    };
}
