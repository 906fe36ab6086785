namespace Connectors.Hosting.Tests;

/// <summary>
/// The system clock, plus an observable event: it counts the timers created with a given due time. A worker that waits
/// its idle delay creates exactly such a timer, so a test can wait until the workers are idle instead of sleeping and
/// hoping they are.
/// </summary>
internal sealed class WatchedTimeProvider(TimeSpan watchedDueTime) : TimeProvider
{
    private int _watched;

    /// <summary>How many timers with the watched due time were created.</summary>
    public int WatchedTimers => Volatile.Read(ref _watched);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime == watchedDueTime)
        {
            Interlocked.Increment(ref _watched);
        }

        return System.CreateTimer(callback, state, dueTime, period);
    }
}
