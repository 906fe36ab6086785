using System.Runtime.CompilerServices;

namespace Connectors.Hosting.Tests;

/// <summary>A WMS order port whose first submission never returns unless it is cancelled (a WMS that stopped answering).</summary>
internal sealed class HangingWarehouseOrders(FakeWarehouse inner) : IWarehouseOrders
{
    private int _submits;

    public FakeWarehouse Inner { get; } = inner;

    public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool ObservedCancellation { get; private set; }

    public async Task<WarehouseOrderResult> SubmitOrderAsync(WarehouseOrder order, string idempotencyKey, CancellationToken cancellationToken = default)
    {
        if (Interlocked.Increment(ref _submits) == 1)
        {
            Entered.TrySetResult();
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                ObservedCancellation = true;
                throw;
            }
        }

        return await Inner.SubmitOrderAsync(order, idempotencyKey, cancellationToken);
    }

    public Task<WarehouseOrderResult> UpdateOrderAsync(WarehouseOrder order, string idempotencyKey, CancellationToken cancellationToken = default) =>
        Inner.UpdateOrderAsync(order, idempotencyKey, cancellationToken);

    public Task<WarehouseOrderResult> CancelOrderAsync(string channel, string channelOrderId, string? reason, CancellationToken cancellationToken = default) =>
        Inner.CancelOrderAsync(channel, channelOrderId, reason, cancellationToken);
}

/// <summary>
/// A WMS whose snapshot call waits for the test, then fails as a client disposed under it does (the host that failed to
/// start has been disposed meanwhile).
/// </summary>
internal sealed class DisposedUnderItWarehouse : IWarehouseInventory
{
    public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource Gate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async IAsyncEnumerable<StockLevel> GetStockLevelsAsync(IReadOnlyCollection<string>? skus = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Entered.TrySetResult();
        await Gate.Task; // deliberately not cancellable: the client notices only when it next touches its handler
        throw new ObjectDisposedException("System.Net.Http.HttpClient");
#pragma warning disable CS0162
        yield break;
#pragma warning restore CS0162
    }
}
