using Connectors.Testing;

namespace Connectors.Tests.DeadLetters;

/// <summary>A WMS order port whose refusal of changes can be switched on and off (a picked order put back).</summary>
internal sealed class SwitchableWarehouse : IWarehouseOrders
{
    private readonly FakeWarehouse _inner = new();
    private readonly List<string> _cancelled = [];

    public string? Refusal { get; set; }

    public string? SubmitRefusal { get; set; }

    public IReadOnlyList<string> Cancelled => _cancelled;

    public Task<WarehouseOrderResult> SubmitOrderAsync(WarehouseOrder order, string idempotencyKey, CancellationToken cancellationToken = default) =>
        SubmitRefusal is { } reason ? Task.FromResult(WarehouseOrderResult.Refused(reason)) : _inner.SubmitOrderAsync(order, idempotencyKey, cancellationToken);

    public Task<WarehouseOrderResult> UpdateOrderAsync(WarehouseOrder order, string idempotencyKey, CancellationToken cancellationToken = default) =>
        Refusal is { } reason ? Task.FromResult(WarehouseOrderResult.Refused(reason)) : _inner.UpdateOrderAsync(order, idempotencyKey, cancellationToken);

    public Task<WarehouseOrderResult> CancelOrderAsync(string channel, string channelOrderId, string? reason, CancellationToken cancellationToken = default)
    {
        if (Refusal is { } refusal)
        {
            return Task.FromResult(WarehouseOrderResult.Refused(refusal));
        }

        _cancelled.Add($"{channel}/{channelOrderId}");
        return _inner.CancelOrderAsync(channel, channelOrderId, reason, cancellationToken);
    }
}
