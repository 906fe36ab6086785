namespace Connectors.Tests.Workers;

public class WorkSignalTests
{
    [Fact]
    public void WaitAsync_NotifiedDuringThePass_CompletesAtOnce()
    {
        var signal = new WorkSignal();
        signal.Reset();

        signal.Notify();

        Assert.True(signal.WaitAsync(TestContext.Current.CancellationToken).IsCompleted);
    }

    [Fact]
    public async Task WaitAsync_NotifiedWhileWaiting_Completes()
    {
        var signal = new WorkSignal();
        signal.Reset();
        var waiting = signal.WaitAsync(TestContext.Current.CancellationToken);
        Assert.False(waiting.IsCompleted);

        signal.Notify();

        await waiting.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
    }

    [Fact]
    public void Reset_AfterNotification_WaitsForTheNextOne()
    {
        var signal = new WorkSignal();
        signal.Notify();

        signal.Reset();

        Assert.False(signal.WaitAsync(TestContext.Current.CancellationToken).IsCompleted);
        signal.Notify();
        Assert.True(signal.WaitAsync(TestContext.Current.CancellationToken).IsCompleted);
    }

    [Fact]
    public async Task WaitAsync_Cancelled_NotificationStillReachesTheNextWait()
    {
        var signal = new WorkSignal();
        signal.Reset();
        using var cancel = new CancellationTokenSource();
        var waiting = signal.WaitAsync(cancel.Token);

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        signal.Notify();

        Assert.True(signal.WaitAsync(TestContext.Current.CancellationToken).IsCompleted);
    }
}
