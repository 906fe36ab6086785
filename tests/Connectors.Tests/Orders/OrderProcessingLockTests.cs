using Microsoft.Extensions.DependencyInjection;
using Connectors.Orders.Internal;
using Connectors.State;
using Connectors.Testing;

namespace Connectors.Tests.Orders;

public class OrderProcessingLockTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ProcessInbox_ManyOrders_NoLockRowLeftBehind()
    {
        using var h = new OrderFlowHarness();
        for (var i = 0; i < 20; i++)
        {
            var order = ModelFactory.Order(OrderFlowHarness.Name, $"L{i}", [("MUG", 1)], updatedAt: h.Time.GetUtcNow());
            await h.Orders.AcceptAsync(OrderFlowHarness.Webhook(order, $"d-{i}"), Ct);
        }

        await h.Orders.ProcessInboxAsync(Ct);

        Assert.Equal(20, h.Warehouse.Orders.Count);
        for (var i = 0; i < 20; i++)
        {
            Assert.Null(await h.Store.GetCursorAsync(OrderFlowHarness.Name, OrderProcessingLock.CursorPrefix + $"L{i}", Ct));
        }
    }

    [Fact]
    public async Task ReleaseAsync_LateHolderAfterRowDeletedAndRetaken_LeavesNewHolderAlone()
    {
        var store = new InMemorySyncStateStore();
        var locks = new OrderProcessingLock(store);
        var now = ModelFactory.Epoch;
        var first = await locks.TryAcquireAsync("a", "1", now, TimeSpan.FromMinutes(1), Ct);

        // The first holder stalls past its lease; a second takes over and releases; a third takes the order.
        var second = await locks.TryAcquireAsync("a", "1", now.AddMinutes(2), TimeSpan.FromMinutes(1), Ct);
        await locks.ReleaseAsync(second!, Ct);
        var third = await locks.TryAcquireAsync("a", "1", now.AddMinutes(2), TimeSpan.FromMinutes(1), Ct);
        await locks.ReleaseAsync(first!, Ct); // late, and its version (1) is the third holder's version again

        Assert.NotNull(third);
        Assert.Null(await locks.TryAcquireAsync("a", "1", now.AddMinutes(2).AddSeconds(1), TimeSpan.FromMinutes(1), Ct));
    }

    [Fact]
    public async Task RenewAsync_BeforeExpiry_KeptPastTheFirstExpiryAndReleasedByTheRenewedLease()
    {
        var store = new InMemorySyncStateStore();
        var locks = new OrderProcessingLock(store);
        var now = ModelFactory.Epoch;
        var first = await locks.TryAcquireAsync("a", "1", now, TimeSpan.FromMinutes(1), Ct);

        var renewed = await locks.RenewAsync(first!, now.AddSeconds(40), TimeSpan.FromMinutes(1), Ct);

        Assert.NotNull(renewed);
        Assert.Null(await locks.TryAcquireAsync("a", "1", now.AddSeconds(90), TimeSpan.FromMinutes(1), Ct));
        await locks.ReleaseAsync(renewed, Ct);
        Assert.NotNull(await locks.TryAcquireAsync("a", "1", now.AddSeconds(90), TimeSpan.FromMinutes(1), Ct));
    }

    [Fact]
    public async Task RenewAsync_AfterAnotherTookTheExpiredLease_RefusedAndTheNewHolderKeepsIt()
    {
        var store = new InMemorySyncStateStore();
        var locks = new OrderProcessingLock(store);
        var now = ModelFactory.Epoch;
        var first = await locks.TryAcquireAsync("a", "1", now, TimeSpan.FromMinutes(1), Ct);
        var second = await locks.TryAcquireAsync("a", "1", now.AddMinutes(2), TimeSpan.FromMinutes(1), Ct);

        Assert.Null(await locks.RenewAsync(first!, now.AddMinutes(2), TimeSpan.FromMinutes(1), Ct));
        Assert.NotNull(second);
        Assert.Null(await locks.TryAcquireAsync("a", "1", now.AddMinutes(2).AddSeconds(30), TimeSpan.FromMinutes(1), Ct));
    }

    /// <summary>
    /// A version whose WMS submission hangs for twice the lease keeps the order's lock: the processing renews it, so a
    /// worker that comes for another version meanwhile is refused (before renewal it took the lock after one lease).
    /// </summary>
    [Fact]
    public async Task ProcessInbox_SubmissionHangsTwiceTheLease_LockRenewedAndNotTakenByAnotherWorker()
    {
        var gated = new GatedOrders(new FakeWarehouse());
        using var h = new OrderFlowHarness(warehouseOrders: gated);
        var lease = h.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<ConnectorsOptions>>().Value.LeaseDuration;
        var order = ModelFactory.Order(OrderFlowHarness.Name, "L1", [("MUG", 1)], updatedAt: h.Time.GetUtcNow());
        await h.Orders.AcceptAsync(OrderFlowHarness.Webhook(order, "d-1"), Ct);
        var name = OrderProcessingLock.CursorPrefix + "L1";

        var pass = h.Orders.ProcessInboxAsync(Ct);
        await gated.Entered.Task.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        for (var step = 0; step < 6; step++)
        {
            await AdvanceUntilRenewedAsync(h, name, lease / 3, step);
        }

        var other = await new OrderProcessingLock(h.Store).TryAcquireAsync(OrderFlowHarness.Name, "L1", h.Time.GetUtcNow(), lease, Ct);
        gated.Release.SetResult();
        await pass;

        Assert.Null(other);
        Assert.Single(gated.Inner.Orders);
        Assert.Null(await h.Store.GetCursorAsync(OrderFlowHarness.Name, name, Ct));
    }

    /// <summary>
    /// A version whose WMS submission hangs and does not answer its cancellation keeps the order's lock only up to
    /// <c>Connectors:Orders:ProcessingTimeout</c>: the lock is renewed before it (another worker is refused at twice
    /// the lease), at it the call's token is cancelled and the lock lapses while the call still hangs, so another worker
    /// takes the order; when the call gives up, the version is retried with a reason naming the setting, the other
    /// holder's lock is kept and nothing reached the WMS. Before the bound the renewal kept such a lock for ever.
    /// </summary>
    [Fact]
    public async Task ProcessInbox_SubmissionHangsPastProcessingTimeout_LockLapsesAtTheBoundAndTheCallIsCancelled()
    {
        var lease = TimeSpan.FromMinutes(1);
        var limit = TimeSpan.FromMinutes(3);
        var gated = new GatedOrders(new FakeWarehouse(), ignoreCancellation: true);
        using var h = new OrderFlowHarness(
            o =>
            {
                o.LeaseDuration = lease;
                o.Orders.ProcessingTimeout = limit;
            },
            warehouseOrders: gated);
        var order = ModelFactory.Order(OrderFlowHarness.Name, "L2", [("MUG", 1)], updatedAt: h.Time.GetUtcNow());
        await h.Orders.AcceptAsync(OrderFlowHarness.Webhook(order, "d-2"), Ct);
        var name = OrderProcessingLock.CursorPrefix + "L2";
        var other = new OrderProcessingLock(h.Store);
        var started = h.Time.GetUtcNow();

        var pass = h.Orders.ProcessInboxAsync(Ct);
        await gated.Entered.Task.WaitAsync(TimeSpan.FromSeconds(30), Ct);

        // Renewals every third of the lease until the one that reaches the bound (at limit - lease).
        for (var step = 1; step <= 6; step++)
        {
            await AdvanceUntilRenewedAsync(h, name, lease / 3, step);
        }

        h.Time.Advance((lease / 3) * 2);
        Assert.Equal(started + (limit - (lease / 3)), h.Time.GetUtcNow());
        Assert.Null(await other.TryAcquireAsync(OrderFlowHarness.Name, "L2", h.Time.GetUtcNow(), lease, Ct));
        Assert.False(gated.Cancelled.Task.IsCompleted, "the WMS call was cancelled before ProcessingTimeout");

        h.Time.Advance(lease / 3);
        var cancelled = await Task.WhenAny(gated.Cancelled.Task, Task.Delay(TimeSpan.FromSeconds(30), Ct));
        Assert.True(cancelled == gated.Cancelled.Task, "waited 30 s for the hung WMS call to be cancelled at ProcessingTimeout; it never was");
        var taken = await other.TryAcquireAsync(OrderFlowHarness.Name, "L2", h.Time.GetUtcNow(), lease, Ct);
        Assert.NotNull(taken);
        Assert.False(pass.IsCompleted, "the pass ended although the WMS call still hung");

        gated.Release.SetResult();
        var result = await pass.WaitAsync(TimeSpan.FromSeconds(30), Ct);

        Assert.Equal(1, result.Retried);
        Assert.Empty(gated.Inner.Orders);
        var item = await h.Store.GetWorkItemAsync(WorkQueue.Inbox, WorkKinds.OrderVersionId(order), Ct);
        Assert.NotNull(item);
        Assert.Equal(WorkItemStatus.Pending, item.Status);
        Assert.Contains("ProcessingTimeout", item.LastError, StringComparison.Ordinal);
        Assert.Equal(taken.Value, (await h.Store.GetCursorAsync(OrderFlowHarness.Name, name, Ct))?.Value);
    }

    /// <summary>Moves the fake clock on by <paramref name="by"/> and waits (real time, at most 30 s) for the lock row to change.</summary>
    private static async Task AdvanceUntilRenewedAsync(OrderFlowHarness h, string name, TimeSpan by, int step)
    {
        var before = (await h.Store.GetCursorAsync(OrderFlowHarness.Name, name, Ct))?.Value;
        h.Time.Advance(by);
        var waited = 0;
        while ((await h.Store.GetCursorAsync(OrderFlowHarness.Name, name, Ct))?.Value == before)
        {
            Assert.True(++waited < 3000, $"step {step}: waited 30 s for the lock row to be renewed; it still reads '{before}'");
            await Task.Delay(10, Ct);
        }
    }

    /// <summary>The WMS port of a <see cref="FakeWarehouse"/> whose submission waits until the test releases it.</summary>
    /// <remarks>
    /// With <c>ignoreCancellation</c> the submission is hung for good: it records its token's cancellation but returns
    /// (throwing the cancellation) only when released, as a call blocked somewhere that does not observe the token.
    /// </remarks>
    private sealed class GatedOrders(FakeWarehouse inner, bool ignoreCancellation = false) : IWarehouseOrders
    {
        public FakeWarehouse Inner { get; } = inner;

        public TaskCompletionSource Cancelled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task<WarehouseOrderResult> SubmitOrderAsync(WarehouseOrder order, string idempotencyKey, CancellationToken cancellationToken = default)
        {
            Entered.TrySetResult();
            using var registration = cancellationToken.Register(() => Cancelled.TrySetResult());
            if (ignoreCancellation)
            {
                await Release.Task;
                cancellationToken.ThrowIfCancellationRequested();
            }
            else
            {
                await Release.Task.WaitAsync(cancellationToken);
            }

            return await Inner.SubmitOrderAsync(order, idempotencyKey, cancellationToken);
        }

        public Task<WarehouseOrderResult> UpdateOrderAsync(WarehouseOrder order, string idempotencyKey, CancellationToken cancellationToken = default) =>
            Inner.UpdateOrderAsync(order, idempotencyKey, cancellationToken);

        public Task<WarehouseOrderResult> CancelOrderAsync(string channel, string channelOrderId, string? reason, CancellationToken cancellationToken = default) =>
            Inner.CancelOrderAsync(channel, channelOrderId, reason, cancellationToken);
    }
}
