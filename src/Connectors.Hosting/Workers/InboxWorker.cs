using Connectors.Hosting.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Connectors.Hosting.Workers;

/// <summary>Processes the inbox (orders and returns into the WMS) until it is empty, then waits.</summary>
internal sealed class InboxWorker(
    IOrderSync orders,
    IOptions<ConnectorsHostingOptions> options,
    TimeProvider time,
    HostingMetrics metrics,
    ILogger<InboxWorker> logger) : ConnectorWorker(time, metrics, logger)
{
    protected override string Name => "inbox";

    protected override async Task<TimeSpan> RunPassAsync(CancellationToken cancellationToken)
    {
        var result = await orders.ProcessInboxAsync(cancellationToken).ConfigureAwait(false);
        return result.Claimed > 0 ? TimeSpan.Zero : options.Value.IdleDelay;
    }
}
