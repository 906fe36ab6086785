namespace Connectors;

/// <summary>
/// The order flow (channel -> WMS). Webhook events and polled orders land in a durable inbox, de-duplicated on the
/// delivery id and on (channel, order id, version); each processing pass maps them, applies the release rules,
/// submits, updates or cancels in the WMS and acknowledges to the channel. A host (or <c>Connectors.Hosting</c>)
/// drives it: accept webhooks as they come, poll on a schedule, process the inbox in a loop.
/// </summary>
public interface IOrderSync
{
    /// <summary>Writes a parsed webhook event to the inbox (order and return events; others are ignored).</summary>
    /// <param name="channelEvent">The event, from <see cref="IWebhookHandler.Parse"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>What was done with it.</returns>
    Task<InboxAcceptOutcome> AcceptAsync(ChannelEvent channelEvent, CancellationToken cancellationToken = default);

    /// <summary>
    /// Lists the channel's orders updated since the stored cursor minus <see cref="Orders.OrderFlowOptions.PollOverlap"/>,
    /// writes new versions to the inbox and moves the cursor to the newest version seen.
    /// </summary>
    /// <param name="channel">The channel instance; it must implement <see cref="IOrderChannel"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>What the poll saw.</returns>
    Task<PollResult> PollAsync(string channel, CancellationToken cancellationToken = default);

    /// <summary>Lists the channel's return requests since the stored cursor minus the overlap and writes new ones to the inbox.</summary>
    /// <param name="channel">The channel instance; it must implement <see cref="IReturnChannel"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>What the poll saw.</returns>
    Task<PollResult> PollReturnsAsync(string channel, CancellationToken cancellationToken = default);

    /// <summary>One pass over the due inbox items (at most <see cref="Orders.OrderFlowOptions.InboxBatchSize"/>).</summary>
    /// <param name="cancellationToken">Cancels the pass; items in hand stay leased and are picked up again later.</param>
    /// <returns>What the pass did.</returns>
    Task<WorkPassResult> ProcessInboxAsync(CancellationToken cancellationToken = default);

    /// <summary>The exception events: WMS refusals not yet replayed or discarded.</summary>
    /// <param name="channel">Only this channel's, or <see langword="null"/> for all.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The events, oldest first.</returns>
    IAsyncEnumerable<OrderException> ListExceptionsAsync(string? channel = null, CancellationToken cancellationToken = default);
}
