using Connectors.WooCommerce.Internal;
using Microsoft.Extensions.Time.Testing;

namespace Connectors.WooCommerce.Tests;

public sealed class AdaptiveThrottleTests
{
    [Fact]
    public void Record_ServerErrors_HalveTheLimitDownToOne()
    {
        using var throttle = new AdaptiveThrottle(8, 0, new FakeTimeProvider());

        throttle.Record(TimeSpan.FromMilliseconds(40), 503, null);
        Assert.Equal(4, throttle.CurrentLimit);
        for (var i = 0; i < 5; i++)
        {
            throttle.Record(TimeSpan.FromMilliseconds(40), 500, null);
        }

        Assert.Equal(1, throttle.CurrentLimit);
    }

    [Fact]
    public void Record_HealthyAnswersAfterOverload_RecoverToTheMaximum()
    {
        using var throttle = new AdaptiveThrottle(8, 0, new FakeTimeProvider());
        throttle.Record(TimeSpan.FromMilliseconds(40), 429, null);
        throttle.Record(TimeSpan.FromMilliseconds(40), 429, null);
        Assert.Equal(2, throttle.CurrentLimit);

        for (var i = 0; i < 100; i++)
        {
            throttle.Record(TimeSpan.FromMilliseconds(40), 200, null);
        }

        Assert.Equal(8, throttle.CurrentLimit);
    }

    [Fact]
    public void Record_LatencyClimbsFarAboveBaseline_ReducesTheLimit()
    {
        using var throttle = new AdaptiveThrottle(8, 0, new FakeTimeProvider());
        for (var i = 0; i < 20; i++)
        {
            throttle.Record(TimeSpan.FromMilliseconds(40), 200, null);
        }

        for (var i = 0; i < 5; i++)
        {
            throttle.Record(TimeSpan.FromMilliseconds(2000), 200, null);
        }

        Assert.True(throttle.CurrentLimit < 8, $"limit stayed at {throttle.CurrentLimit}");
    }

    [Fact]
    public async Task AcquireAsync_AfterRetryAfter_WaitsUntilThePauseEnds()
    {
        var time = new FakeTimeProvider();
        using var throttle = new AdaptiveThrottle(4, 0, time);
        throttle.Record(TimeSpan.FromMilliseconds(10), 429, TimeSpan.FromSeconds(5));

        // Without the pause this acquire would complete synchronously (a free slot, no rate limit): no need to wait and see.
        var acquire = throttle.AcquireAsync(TestContext.Current.CancellationToken).AsTask();
        Assert.False(acquire.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(5) - TimeSpan.FromTicks(1));
        Assert.False(acquire.IsCompleted, "the acquire did not wait out the whole Retry-After");
        time.Advance(TimeSpan.FromTicks(1));
        using var slot = await acquire.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        Assert.True(acquire.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task AcquireAsync_AtTheLimit_QueuesUntilASlotIsReleased()
    {
        using var throttle = new AdaptiveThrottle(1, 0, new FakeTimeProvider());
        var first = await throttle.AcquireAsync(TestContext.Current.CancellationToken);

        // A waiter is queued synchronously, so the task is incomplete at once if the limit holds: no need to wait and see.
        var second = throttle.AcquireAsync(TestContext.Current.CancellationToken).AsTask();
        Assert.False(second.IsCompleted);
        first.Dispose();
        using var slot = await second.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        Assert.True(second.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task AcquireAsync_SlotReleased_HandsItToTheWaiterBeforeReleaseReturns()
    {
        using var throttle = new AdaptiveThrottle(1, 0, new FakeTimeProvider());
        var first = await throttle.AcquireAsync(TestContext.Current.CancellationToken);
        var second = throttle.AcquireAsync(TestContext.Current.CancellationToken).AsTask();
        Assert.False(second.IsCompleted);

        first.Dispose();

        // No thread-pool hop between one request's answer and the next request's start.
        Assert.True(second.IsCompletedSuccessfully);
        (await second).Dispose();
    }

    [Fact]
    public async Task AcquireAsync_WaiterCancelled_DoesNotKeepASlot()
    {
        using var throttle = new AdaptiveThrottle(1, 0, new FakeTimeProvider());
        var first = await throttle.AcquireAsync(TestContext.Current.CancellationToken);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var cancelled = throttle.AcquireAsync(cts.Token).AsTask();
        var third = throttle.AcquireAsync(TestContext.Current.CancellationToken).AsTask();

        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        first.Dispose();
        using var slot = await third.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        Assert.True(third.IsCompletedSuccessfully);
        var fourth = throttle.AcquireAsync(TestContext.Current.CancellationToken).AsTask();
        Assert.False(fourth.IsCompleted); // the one slot is the third's, not lost and not doubled
        slot.Dispose();
        (await fourth.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken)).Dispose();
    }
}
