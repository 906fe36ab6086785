using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Connectors.Telemetry;

/// <summary>Listing-health instruments on the one <c>Connectors</c> meter.</summary>
internal sealed class ListingMetrics
{
    public ListingMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(ConnectorsTelemetry.Name);
        Problems = meter.CreateGauge<long>(
            "connectors.listings.problems", "{listing}", "Entries of a channel's last complete listing report with a problem, by problem kind (connector.problem).");
        Actions = meter.CreateCounter<long>(
            "connectors.listings.actions", "{listing}", "Listing actions (zero, deactivate, reactivate) taken on a channel, by outcome.");
    }

    public Gauge<long> Problems { get; }

    public Counter<long> Actions { get; }

    public static TagList Tags(string channel, ListingProblems problem) => new()
    {
        { ConnectorsTelemetry.ChannelTag, channel },
        { ConnectorsTelemetry.FlowTag, ConnectorFlows.Listings },
        { ConnectorsTelemetry.ProblemTag, ListingReportCsv.ProblemName(problem) },
    };

    public static TagList Tags(string channel, string action, string outcome) => new()
    {
        { ConnectorsTelemetry.ChannelTag, channel },
        { ConnectorsTelemetry.FlowTag, ConnectorFlows.Listings },
        { ConnectorsTelemetry.ActionTag, action },
        { ConnectorsTelemetry.OutcomeTag, outcome },
    };
}
