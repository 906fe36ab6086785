using Connectors.Testing;

namespace Connectors.Shopify.Tests.Internal;

/// <summary>A <see cref="FakeWarehouse"/> that records the calls it gets and can refuse submissions of chosen orders (as a WMS refusing an unknown SKU would).</summary>
internal sealed class ScriptedWarehouse : IWarehouseOrders
{
    private readonly HashSet<string> _refuseSubmit = new(StringComparer.Ordinal);

    public FakeWarehouse Inner { get; } = new();

    public List<string> Calls { get; } = [];

    public void RefuseSubmit(string orderId) => _refuseSubmit.Add(orderId);

    public Task<WarehouseOrderResult> SubmitOrderAsync(WarehouseOrder order, string idempotencyKey, CancellationToken cancellationToken = default)
    {
        Calls.Add("submit " + order.ChannelOrderId);
        return _refuseSubmit.Contains(order.ChannelOrderId)
            ? Task.FromResult(WarehouseOrderResult.Refused("unknown SKU"))
            : Inner.SubmitOrderAsync(order, idempotencyKey, cancellationToken);
    }

    public Task<WarehouseOrderResult> UpdateOrderAsync(WarehouseOrder order, string idempotencyKey, CancellationToken cancellationToken = default)
    {
        Calls.Add("update " + order.ChannelOrderId);
        return Inner.UpdateOrderAsync(order, idempotencyKey, cancellationToken);
    }

    public Task<WarehouseOrderResult> CancelOrderAsync(string channel, string channelOrderId, string? reason, CancellationToken cancellationToken = default)
    {
        Calls.Add("cancel " + channelOrderId);
        return Inner.CancelOrderAsync(channel, channelOrderId, reason, cancellationToken);
    }
}
