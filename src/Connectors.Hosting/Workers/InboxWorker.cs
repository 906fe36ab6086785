using Connectors.Hosting.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Connectors.Hosting.Workers;

/// <summary>
/// Processes the inbox (orders and returns into the WMS) until it is empty, then waits for the idle delay or until the
/// engine queues an inbox item in this process, whichever comes first.
/// </summary>
internal sealed class InboxWorker(
    IOrderSync orders,
    IOptions<ConnectorsHostingOptions> options,
    TimeProvider time,
    HostingMetrics metrics,
    ILogger<InboxWorker> logger,
    WorkSignals signals) : ConnectorWorker(time, metrics, logger)
{
    protected override string Name => "inbox";

    protected override WorkSignal WakeUp => signals.Inbox;

    protected override async Task<TimeSpan> RunPassAsync(CancellationToken cancellationToken)
    {
        var result = await orders.ProcessInboxAsync(cancellationToken).ConfigureAwait(false);
        return result.Claimed > 0 ? TimeSpan.Zero : options.Value.IdleDelay;
    }
}
