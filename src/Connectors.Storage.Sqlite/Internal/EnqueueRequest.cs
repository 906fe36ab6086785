namespace Connectors.Storage.Sqlite.Internal;

/// <summary>One <see cref="IWorkQueueStore.EnqueueAsync"/> call waiting for the group commit that stores its item.</summary>
internal sealed class EnqueueRequest(WorkQueue queue, WorkItem item)
{
    // Continuations run asynchronously so that completing a batch never runs a caller's code under the writer gate.
    private readonly TaskCompletionSource<bool> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public WorkQueue Queue { get; } = queue;

    public WorkItem Item { get; } = item;

    /// <summary>Completes with whether the item was added (<see langword="false"/> for a duplicate id).</summary>
    public Task<bool> Completion => _completion.Task;

    public void Complete(bool added) => _completion.TrySetResult(added);

    public void Fail(Exception error) => _completion.TrySetException(error);
}
