namespace Connectors;

/// <summary>
/// Wakes a waiting worker when work arrives, so that it does not sleep out its idle delay: the engine calls
/// <see cref="Notify"/> after it queued work; a worker calls <see cref="Reset"/> before a pass and <see cref="WaitAsync"/>
/// after one that found nothing. A notification during the pass is kept, so the wait after it returns at once.
/// <para>
/// Public so that a host running the flows with its own loops (and <c>Connectors.Hosting</c>, a separate package that
/// must not depend on the engine's internals) can wait on the signals of <see cref="WorkSignals"/>. Thread-safe.
/// </para>
/// </summary>
public sealed class WorkSignal
{
    private readonly Lock _lock = new();
    private TaskCompletionSource _waiting = NewWaiting();
    private bool _notified;

    /// <summary>Work has arrived: wakes the waiting worker, or the next wait returns at once.</summary>
    public void Notify()
    {
        TaskCompletionSource waiting;
        lock (_lock)
        {
            _notified = true;
            waiting = _waiting;
        }

        waiting.TrySetResult();
    }

    /// <summary>Forgets earlier notifications: the pass about to run sees the work they announced.</summary>
    public void Reset()
    {
        lock (_lock)
        {
            _notified = false;
            if (_waiting.Task.IsCompleted)
            {
                _waiting = NewWaiting();
            }
        }
    }

    /// <summary>Completes at the next notification, or at once if one came since the last <see cref="Reset"/>.</summary>
    /// <param name="cancellationToken">Cancels the wait (the notification, if it comes later, is kept for the next wait).</param>
    /// <returns>A task that completes when work has arrived.</returns>
    public Task WaitAsync(CancellationToken cancellationToken = default)
    {
        Task waiting;
        lock (_lock)
        {
            waiting = _notified ? Task.CompletedTask : _waiting.Task;
        }

        return cancellationToken.CanBeCanceled ? waiting.WaitAsync(cancellationToken) : waiting;
    }

    /// <summary>Queues <paramref name="item"/> and, when it is new, wakes the worker that drains <paramref name="queue"/>.</summary>
    /// <returns>Whether the item was added (<see langword="false"/> for a duplicate id).</returns>
    internal async ValueTask<bool> EnqueueAsync(ISyncStateStore store, WorkQueue queue, WorkItem item, CancellationToken cancellationToken)
    {
        var added = await store.EnqueueAsync(queue, item, cancellationToken).ConfigureAwait(false);
        if (added)
        {
            Notify();
        }

        return added;
    }

    // Continuations run asynchronously: Notify is called on the engine's path (a webhook request), which must not run
    // a worker's pass inline.
    private static TaskCompletionSource NewWaiting() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
