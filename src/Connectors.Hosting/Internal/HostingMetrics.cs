using System.Diagnostics.Metrics;

namespace Connectors.Hosting.Internal;

/// <summary>The hosting package's instruments on the one <c>Connectors</c> meter.</summary>
internal sealed class HostingMetrics
{
    public HostingMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(ConnectorsTelemetry.Name);
        WebhooksReceived = meter.CreateCounter<long>(
            "connectors.webhooks.received", "{request}", "Webhook requests by outcome (accepted, duplicate, ping, forged, too_large, malformed, unknown_channel).");
        WorkerFailures = meter.CreateCounter<long>(
            "connectors.hosting.worker_failures", "{pass}", "Worker passes that failed, by worker.");
    }

    public Counter<long> WebhooksReceived { get; }

    public Counter<long> WorkerFailures { get; }
}
