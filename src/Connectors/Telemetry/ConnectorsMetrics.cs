using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Connectors.Telemetry;

/// <summary>
/// The engine's instruments on the one <c>Connectors</c> meter. Names follow <c>connectors.&lt;flow&gt;.&lt;what&gt;</c>;
/// tags use the keys in <see cref="ConnectorsTelemetry"/>.
/// </summary>
internal sealed class ConnectorsMetrics
{
    /// <summary>The one activity source of the engine.</summary>
    public static readonly ActivitySource ActivitySource = new(ConnectorsTelemetry.Name);

    public ConnectorsMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(ConnectorsTelemetry.Name);
        InventoryPushedItems = meter.CreateCounter<long>(
            "connectors.inventory.pushed_items", "{item}", "Inventory targets pushed to channels, by outcome.");
        InventoryQuotaDeferred = meter.CreateCounter<long>(
            "connectors.inventory.quota_deferred", "{item}", "Inventory rows a daily quota did not cover in a pass and deferred, by channel and reason (budget, pacing, listing).");
        InventoryPushes = meter.CreateCounter<long>(
            "connectors.inventory.pushes", "{batch}", "Inventory batches sent to channels, by outcome.");
        InventoryLatency = meter.CreateHistogram<double>(
            "connectors.inventory.latency", "s", "Time from a recorded desired quantity to the channel's acknowledgement.");
        OrdersReceived = meter.CreateCounter<long>(
            "connectors.orders.received", "{order}", "Order deliveries written to the inbox, by outcome (new, duplicate, stale).");
        OrdersProcessed = meter.CreateCounter<long>(
            "connectors.orders.processed", "{order}", "Orders processed, by outcome (submitted, held, rejected, updated, cancelled, refused).");
        FulfillmentsSent = meter.CreateCounter<long>(
            "connectors.fulfillment.sent", "{shipment}", "Shipments sent to channels, by outcome.");
        ReturnsProcessed = meter.CreateCounter<long>(
            "connectors.returns.processed", "{return}", "Returns announced to the WMS or confirmed on channels, by outcome.");
        DeadLetters = meter.CreateCounter<long>(
            "connectors.dead_letters.added", "{item}", "Items dead-lettered, by flow and error type.");
        Drift = meter.CreateCounter<long>(
            "connectors.reconciliation.drift", "{item}", "Differences reconciliation found, by flow and kind.");
        OperationDuration = meter.CreateHistogram<double>(
            "connectors.operation.duration", "s", "Duration of channel and WMS calls made by the engine, by flow and outcome.");
        OrderExceptions = meter.CreateCounter<long>(
            "connectors.orders.exceptions", "{event}", "WMS refusals of order submissions, updates, cancellations and returns (exception events), by flow.");
        OrdersPolled = meter.CreateCounter<long>(
            "connectors.orders.polled", "{order}", "Orders seen by polling, by outcome (new, duplicate, stale).");
        ReservationsExpired = meter.CreateCounter<long>(
            "connectors.inventory.reservations_expired", "{reservation}", "Oversell windows closed because they outlived the reservation time-to-live, by channel.");
        LeasesLost = meter.CreateCounter<long>(
            "connectors.leases.lost", "{item}", "Writes refused because the worker's lease had run out and another worker had claimed the item or row since, by flow and channel.");
        PricesPushedItems = meter.CreateCounter<long>(
            "connectors.prices.pushed_items", "{item}", "Prices pushed to channels, by outcome (applied, rejected, retry).");
        PricePushes = meter.CreateCounter<long>(
            "connectors.prices.pushes", "{batch}", "Price batches sent to channels, by outcome.");
        PricesHeld = meter.CreateCounter<long>(
            "connectors.prices.held", "{item}", "Price changes held for a person because they exceed the maximum change percentage, by channel.");
        PricesHoldDecided = meter.CreateCounter<long>(
            "connectors.prices.hold_decisions", "{item}", "Held price changes a person released or discarded, by outcome.");
    }

    public Counter<long> PricesPushedItems { get; }

    public Counter<long> PricePushes { get; }

    public Counter<long> PricesHeld { get; }

    public Counter<long> PricesHoldDecided { get; }

    public Counter<long> InventoryPushedItems { get; }

    public Counter<long> InventoryPushes { get; }

    public Counter<long> InventoryQuotaDeferred { get; }

    public Histogram<double> InventoryLatency { get; }

    public Counter<long> OrdersReceived { get; }

    public Counter<long> OrdersProcessed { get; }

    public Counter<long> FulfillmentsSent { get; }

    public Counter<long> ReturnsProcessed { get; }

    public Counter<long> DeadLetters { get; }

    public Counter<long> Drift { get; }

    public Histogram<double> OperationDuration { get; }

    public Counter<long> OrderExceptions { get; }

    public Counter<long> OrdersPolled { get; }

    public Counter<long> ReservationsExpired { get; }

    public Counter<long> LeasesLost { get; }

    public static KeyValuePair<string, object?> Channel(string channel) => new(ConnectorsTelemetry.ChannelTag, channel);

    public static KeyValuePair<string, object?> Outcome(string outcome) => new(ConnectorsTelemetry.OutcomeTag, outcome);

    public static KeyValuePair<string, object?> Flow(string flow) => new(ConnectorsTelemetry.FlowTag, flow);

    public static KeyValuePair<string, object?> ErrorType(string? errorType) => new(ConnectorsTelemetry.ErrorTypeTag, errorType ?? "unknown");
}
