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
}
