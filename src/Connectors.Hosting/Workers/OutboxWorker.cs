using Connectors.Hosting.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Connectors.Hosting.Workers;

/// <summary>
/// Sends the outbox (shipments, tracking, return confirmations) until it is empty, then waits for the idle delay or
/// until the engine queues an outbox item in this process, whichever comes first.
/// </summary>
internal sealed class OutboxWorker(
    IFulfillmentSync fulfillment,
    IOptions<ConnectorsHostingOptions> options,
    TimeProvider time,
    HostingMetrics metrics,
    ILogger<OutboxWorker> logger,
    WorkSignals signals) : ConnectorWorker(time, metrics, logger)
{
    protected override string Name => "outbox";

    protected override WorkSignal WakeUp => signals.Outbox;

    protected override async Task<TimeSpan> RunPassAsync(CancellationToken cancellationToken)
    {
        var result = await fulfillment.ProcessOutboxAsync(cancellationToken).ConfigureAwait(false);
        return result.Claimed > 0 ? TimeSpan.Zero : options.Value.IdleDelay;
    }
}
