using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Shopify.Internal;

/// <summary>
/// Wraps the host's <see cref="IWarehouseOrders"/> so that, for Shopify channels in fulfilment-service mode, the WMS's
/// answers reach Shopify: a refused submission rejects the pending fulfilment request, and the answer to a
/// cancellation accepts or rejects the pending cancellation request. The engine reports neither through a channel
/// port (it acknowledges only accepted, held and rule-rejected orders), so the answer is taken where it is given.
/// The Shopify call runs before the answer is returned: when it fails, the engine retries the inbox item, and the
/// WMS, idempotent on its key, answers the same again. Other channels pass straight through.
/// </summary>
internal sealed class FulfillmentServiceWarehouseOrders : IWarehouseOrders
{
    private readonly IWarehouseOrders _inner;
    private readonly IServiceProvider _services;

    public FulfillmentServiceWarehouseOrders(IWarehouseOrders inner, IServiceProvider services)
    {
        _inner = inner;
        _services = services;
    }

    public async Task<WarehouseOrderResult> SubmitOrderAsync(WarehouseOrder order, string idempotencyKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(order);
        var result = await _inner.SubmitOrderAsync(order, idempotencyKey, cancellationToken).ConfigureAwait(false);
        if (result.Outcome == WarehouseOrderOutcome.Refused && ServiceChannel(order.Channel) is { } channel)
        {
            await channel.AnswerFulfillmentRequestsAsync(order.ChannelOrderId, accept: false, "Refused by the warehouse: " + (result.Reason ?? "no reason given"), cancellationToken).ConfigureAwait(false);
        }

        return result;
    }

    public Task<WarehouseOrderResult> UpdateOrderAsync(WarehouseOrder order, string idempotencyKey, CancellationToken cancellationToken = default) =>
        _inner.UpdateOrderAsync(order, idempotencyKey, cancellationToken);

    public async Task<WarehouseOrderResult> CancelOrderAsync(string channel, string channelOrderId, string? reason, CancellationToken cancellationToken = default)
    {
        var result = await _inner.CancelOrderAsync(channel, channelOrderId, reason, cancellationToken).ConfigureAwait(false);
        if (ServiceChannel(channel) is { } shopify)
        {
            var accepted = result.Outcome == WarehouseOrderOutcome.Accepted;
            var message = accepted ? "Cancelled in the warehouse." : "The warehouse cannot cancel: " + (result.Reason ?? "no reason given");
            await shopify.AnswerCancellationRequestsAsync(channelOrderId, accepted, message, cancellationToken).ConfigureAwait(false);
        }

        return result;
    }

    private ShopifyChannel? ServiceChannel(string channel) =>
        _services.GetKeyedService<ShopifyChannel>(channel) is { } shopify && shopify.Client.Options.FulfillmentServiceMode ? shopify : null;
}
