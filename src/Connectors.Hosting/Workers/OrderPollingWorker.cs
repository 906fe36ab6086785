using Connectors.Hosting.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Connectors.Hosting.Workers;

/// <summary>
/// Polls every order channel (and return channel) on the configured interval, the safety net behind webhooks: one loop
/// per channel (see <see cref="ChannelWorker"/>), so a channel that is down, slow or hanging never delays the others.
/// </summary>
internal sealed class OrderPollingWorker(
    IOrderSync orders,
    IChannelRegistry channels,
    ChannelActivity activity,
    IOptions<ConnectorsHostingOptions> options,
    TimeProvider time,
    HostingMetrics metrics,
    ILogger<OrderPollingWorker> logger) : ChannelWorker(options, activity, time, metrics, logger)
{
    protected override string Name => "order-polling";

    protected override TimeSpan ChannelFailureDelay => Options.OrderPollInterval;

    protected override IReadOnlyList<string> SelectChannels()
    {
        if (!Options.PollOrders)
        {
            return [];
        }

        var polled = new List<string>();
        foreach (var name in channels.Names)
        {
            if (channels.TryGetPort<IOrderChannel>(name, out _) || PollsReturns(name))
            {
                polled.Add(name);
            }
        }

        return polled;
    }

    protected override async Task<ChannelPassResult> RunChannelPassAsync(string channel, CancellationToken cancellationToken)
    {
        if (channels.TryGetPort<IOrderChannel>(channel, out _))
        {
            await orders.PollAsync(channel, cancellationToken).ConfigureAwait(false);
        }

        if (PollsReturns(channel))
        {
            await orders.PollReturnsAsync(channel, cancellationToken).ConfigureAwait(false);
        }

        return new ChannelPassResult(Options.OrderPollInterval, Answered: true);
    }

    protected override Task WaitChannelAsync(string channel, TimeSpan delay, CancellationToken stoppingToken) =>
        Task.Delay(delay, Time, stoppingToken);

    private bool PollsReturns(string name) => channels.TryGetPort<IReturnChannel>(name, out var returns) && returns.Capabilities.SupportsReturns;
}
