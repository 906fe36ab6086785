namespace Connectors;

/// <summary>Names of the SDK's one <c>Meter</c> and one <c>ActivitySource</c>, and of its tag keys.</summary>
public static class ConnectorsTelemetry
{
    /// <summary>The name of the <c>Meter</c> and the <c>ActivitySource</c>: subscribe to it to collect everything.</summary>
    public const string Name = "Connectors";

    /// <summary>Tag: the channel instance name.</summary>
    public const string ChannelTag = "connector.channel";

    /// <summary>Tag: the platform.</summary>
    public const string PlatformTag = "connector.platform";

    /// <summary>Tag: the flow (<c>inventory</c>, <c>orders</c>, <c>fulfillment</c>, <c>returns</c>, <c>reconciliation</c>).</summary>
    public const string FlowTag = "connector.flow";

    /// <summary>Tag: the outcome (<c>applied</c>, <c>rejected</c>, <c>retry</c>, <c>duplicate</c>, …).</summary>
    public const string OutcomeTag = "connector.outcome";

    /// <summary>Tag: the error type, as OpenTelemetry's semantic conventions name it.</summary>
    public const string ErrorTypeTag = "error.type";

    /// <summary>Tag: the rolling window of a seller-performance figure (<c>7d</c>, <c>30d</c>).</summary>
    public const string WindowTag = "connector.window";

    /// <summary>Tag: the seller-performance figure (<c>late_shipment_rate</c>, <c>cancellation_rate</c>, <c>valid_tracking_rate</c>).</summary>
    public const string MetricTag = "connector.metric";

    /// <summary>Tag: the listing problem kind (<c>no-sku</c>, <c>duplicate-sku</c>, <c>unknown-sku</c>, <c>stocked-not-listed</c>, <c>discontinued-active</c>).</summary>
    public const string ProblemTag = "connector.problem";

    /// <summary>Tag: the listing action (<c>zero</c>, <c>deactivate</c>, <c>reactivate</c>).</summary>
    public const string ActionTag = "connector.action";
}
