namespace Connectors.Hosting.Tests;

/// <summary>A WMS order port whose first submission waits until the test opens the gate (a slow WMS call in flight).</summary>
internal sealed class GatedWarehouseOrders(FakeWarehouse inner) : IWarehouseOrders
{
    private int _submits;

    public FakeWarehouse Inner { get; } = inner;

    public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource Gate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool ObservedCancellation { get; private set; }

    public async Task<WarehouseOrderResult> SubmitOrderAsync(WarehouseOrder order, string idempotencyKey, CancellationToken cancellationToken = default)
    {
        if (Interlocked.Increment(ref _submits) == 1)
        {
            Entered.TrySetResult();
            await Gate.Task; // deliberately not cancellable: the WMS call completes on its own time
            ObservedCancellation = cancellationToken.IsCancellationRequested;
        }

        return await Inner.SubmitOrderAsync(order, idempotencyKey, cancellationToken);
    }

    public Task<WarehouseOrderResult> UpdateOrderAsync(WarehouseOrder order, string idempotencyKey, CancellationToken cancellationToken = default) =>
        Inner.UpdateOrderAsync(order, idempotencyKey, cancellationToken);

    public Task<WarehouseOrderResult> CancelOrderAsync(string channel, string channelOrderId, string? reason, CancellationToken cancellationToken = default) =>
        Inner.CancelOrderAsync(channel, channelOrderId, reason, cancellationToken);
}
