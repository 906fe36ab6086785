using Connectors.Internal;

namespace Connectors.Tests.Internal;

public class WorkSignalTests
{
    [Fact]
    public void WaitAsync_NotifiedDuringThePass_CompletesAtOnce()
    {
        var signal = new WorkSignal();
        signal.Reset();

        signal.Notify();

        Assert.True(signal.WaitAsync().IsCompleted);
    }

    [Fact]
    public async Task WaitAsync_NotifiedWhileWaiting_Completes()
    {
        var signal = new WorkSignal();
        signal.Reset();
        var waiting = signal.WaitAsync();
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

        Assert.False(signal.WaitAsync().IsCompleted);
        signal.Notify();
        Assert.True(signal.WaitAsync().IsCompleted);
    }
}
