using Connectors.Testing;

namespace Connectors.Tests.Orders;

/// <summary>
/// A WMS order port that records every order update the engine sends and, like the SAP EWM adapter, refuses them
/// unless told otherwise.
/// </summary>
internal sealed class UpdateRecordingWarehouse : IWarehouseOrders
{
    private readonly List<WarehouseOrder> _updates = [];

    public FakeWarehouse Inner { get; } = new();

    /// <summary>Whether updates are refused (the SAP EWM adapter: "does not change orders yet").</summary>
    public bool RefuseUpdates { get; init; } = true;

    public IReadOnlyList<WarehouseOrder> Updates
    {
        get
        {
            lock (_updates)
            {
                return [.. _updates];
            }
        }
    }

    public Task<WarehouseOrderResult> SubmitOrderAsync(WarehouseOrder order, string idempotencyKey, CancellationToken cancellationToken = default) =>
        Inner.SubmitOrderAsync(order, idempotencyKey, cancellationToken);

    public Task<WarehouseOrderResult> UpdateOrderAsync(WarehouseOrder order, string idempotencyKey, CancellationToken cancellationToken = default)
    {
        lock (_updates)
        {
            _updates.Add(order);
        }

        return RefuseUpdates
            ? Task.FromResult(WarehouseOrderResult.Refused("this WMS does not change orders"))
            : Inner.UpdateOrderAsync(order, idempotencyKey, cancellationToken);
    }

    public Task<WarehouseOrderResult> CancelOrderAsync(string channel, string channelOrderId, string? reason, CancellationToken cancellationToken = default) =>
        Inner.CancelOrderAsync(channel, channelOrderId, reason, cancellationToken);
}
