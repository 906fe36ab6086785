using Connectors.Hosting.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Connectors.Hosting.Workers;

/// <summary>Polls every order channel (and return channel) on the configured interval: the safety net behind webhooks.</summary>
internal sealed class OrderPollingWorker(
    IOrderSync orders,
    IChannelRegistry channels,
    ChannelActivity activity,
    IOptions<ConnectorsHostingOptions> options,
    TimeProvider time,
    HostingMetrics metrics,
    ILogger<OrderPollingWorker> logger) : ConnectorWorker(time, metrics, logger)
{
    protected override string Name => "order-polling";

    protected override async Task<TimeSpan> RunPassAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.PollOrders)
        {
            return options.Value.OrderPollInterval;
        }

        foreach (var name in channels.Names)
        {
            try
            {
                if (channels.TryGetPort<IOrderChannel>(name, out _))
                {
                    await orders.PollAsync(name, cancellationToken).ConfigureAwait(false);
                }

                if (channels.TryGetPort<IReturnChannel>(name, out var returns) && returns.Capabilities.SupportsReturns)
                {
                    await orders.PollReturnsAsync(name, cancellationToken).ConfigureAwait(false);
                }

                activity.RecordSuccess(name, Time.GetUtcNow());
            }
            catch (ConnectorException e)
            {
                activity.RecordFailure(name, Time.GetUtcNow(), e.Message);
                Log.ChannelFailed(logger, name, Name, e.Message);
            }
        }

        return options.Value.OrderPollInterval;
    }
}
