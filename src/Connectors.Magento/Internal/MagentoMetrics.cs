using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Connectors.Magento.Internal;

/// <summary>The Magento instruments on the shared <c>Connectors</c> meter.</summary>
internal sealed class MagentoMetrics
{
    public MagentoMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(ConnectorsTelemetry.Name);
        TokenRenewals = meter.CreateCounter<long>("connectors.auth.token_renewals", "{token}", "Admin tokens obtained from Magento, by channel.");
        ReservationsCompensated = meter.CreateCounter<long>(
            "connectors.inventory.reservations_compensated", "{unit}", "Open Magento reservation units added to pushed source quantities, by channel.");
        BatchSplits = meter.CreateCounter<long>("connectors.inventory.batch_splits", "{batch}", "Source-item batches refused whole and sent again item by item, by channel.");
    }

    public Counter<long> TokenRenewals { get; }

    public Counter<long> ReservationsCompensated { get; }

    public Counter<long> BatchSplits { get; }

    public static TagList Tags(string channel) => new()
    {
        { ConnectorsTelemetry.ChannelTag, channel },
        { ConnectorsTelemetry.PlatformTag, MagentoChannel.PlatformName },
    };
}
