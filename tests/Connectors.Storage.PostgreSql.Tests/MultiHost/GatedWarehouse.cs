namespace Connectors.Storage.PostgreSql.Tests.MultiHost;

/// <summary>
/// One host's view of the shared WMS: forwards to it, and can hold a call open (a slow or hung host). A held submit
/// or update reaches the WMS first when <see cref="ForwardBeforeHold"/> is set (the host crashed after the WMS
/// accepted but before it stored that), otherwise after the hold is released. Every call is recorded in the cluster's
/// <see cref="OrderCallOverlaps"/> for as long as it is in flight (a held call included).
/// </summary>
internal sealed class GatedWarehouse(IWarehouseOrders inner, string host = "", OrderCallOverlaps? overlaps = null) : IWarehouseOrders
{
    private readonly OrderCallOverlaps _overlaps = overlaps ?? new OrderCallOverlaps();

    private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _submits;
    private int _held;

    /// <summary>Hold the update call of this order.</summary>
    public string? HoldUpdateOf { get; set; }

    /// <summary>Hold the submit call with this 1-based number (0: none).</summary>
    public int HoldSubmitNumber { get; set; }

    public bool ForwardBeforeHold { get; set; }

    /// <summary>Calls that reached the WMS and then hung.</summary>
    public int HeldAfterForwarding => Volatile.Read(ref _held);

    public Task Entered => _entered.Task;

    public void Release() => _release.TrySetResult();

    public async Task<WarehouseOrderResult> SubmitOrderAsync(WarehouseOrder order, string idempotencyKey, CancellationToken cancellationToken = default)
    {
        using var inFlight = _overlaps.Enter(host, "submit", order.ChannelOrderId);
        if (Interlocked.Increment(ref _submits) == HoldSubmitNumber)
        {
            return await HoldAsync(() => inner.SubmitOrderAsync(order, idempotencyKey, cancellationToken), cancellationToken).ConfigureAwait(false);
        }

        return await inner.SubmitOrderAsync(order, idempotencyKey, cancellationToken).ConfigureAwait(false);
    }

    public async Task<WarehouseOrderResult> UpdateOrderAsync(WarehouseOrder order, string idempotencyKey, CancellationToken cancellationToken = default)
    {
        using var inFlight = _overlaps.Enter(host, "update", order.ChannelOrderId);
        if (string.Equals(order.ChannelOrderId, HoldUpdateOf, StringComparison.Ordinal))
        {
            return await HoldAsync(() => inner.UpdateOrderAsync(order, idempotencyKey, cancellationToken), cancellationToken).ConfigureAwait(false);
        }

        return await inner.UpdateOrderAsync(order, idempotencyKey, cancellationToken).ConfigureAwait(false);
    }

    public async Task<WarehouseOrderResult> CancelOrderAsync(string channel, string channelOrderId, string? reason, CancellationToken cancellationToken = default)
    {
        using var inFlight = _overlaps.Enter(host, "cancel", channelOrderId);
        return await inner.CancelOrderAsync(channel, channelOrderId, reason, cancellationToken).ConfigureAwait(false);
    }

    private async Task<WarehouseOrderResult> HoldAsync(Func<Task<WarehouseOrderResult>> call, CancellationToken cancellationToken)
    {
        WarehouseOrderResult? early = null;
        if (ForwardBeforeHold)
        {
            early = await call().ConfigureAwait(false);
            Interlocked.Increment(ref _held);
        }

        _entered.TrySetResult();
        await _release.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        return early ?? await call().ConfigureAwait(false);
    }
}
