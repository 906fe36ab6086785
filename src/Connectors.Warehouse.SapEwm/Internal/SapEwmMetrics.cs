using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Connectors.Warehouse.SapEwm.Internal;

/// <summary>The adapter's instruments on the shared <c>Connectors</c> meter, and its spans on the shared activity source.</summary>
internal sealed class SapEwmMetrics
{
    public static readonly ActivitySource Source = new(ConnectorsTelemetry.Name);

    public SapEwmMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(ConnectorsTelemetry.Name);
        RequestDuration = meter.CreateHistogram<double>(
            "connectors.warehouse.request_duration", "s", "Duration of SAP EWM OData requests, by service, method and status.");
        CsrfFetches = meter.CreateCounter<long>(
            "connectors.warehouse.csrf_fetches", "{token}", "CSRF tokens fetched from SAP Gateway.");
        CsrfRefetches = meter.CreateCounter<long>(
            "connectors.warehouse.csrf_refetches", "{request}", "Modifying requests refused with x-csrf-token: Required and sent again with a new token.");
        StockRows = meter.CreateCounter<long>(
            "connectors.inventory.warehouse_rows", "{row}", "WarehouseAvailableStock rows read and aggregated.");
        Shipments = meter.CreateCounter<long>(
            "connectors.fulfillment.warehouse_shipments", "{shipment}", "Goods-issued outbound delivery orders published as shipments.");
    }

    public Histogram<double> RequestDuration { get; }

    public Counter<long> CsrfFetches { get; }

    public Counter<long> CsrfRefetches { get; }

    public Counter<long> StockRows { get; }

    public Counter<long> Shipments { get; }

    public void Record(string service, string method, string status, TimeSpan elapsed) =>
        RequestDuration.Record(elapsed.TotalSeconds, new TagList
        {
            { ConnectorsTelemetry.PlatformTag, SapEwmWarehouse.PlatformName },
            { "sap.service", service },
            { "http.request.method", method },
            { "http.response.status_code", status },
        });
}
