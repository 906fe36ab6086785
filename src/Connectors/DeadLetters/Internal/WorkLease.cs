namespace Connectors.DeadLetters.Internal;

/// <summary>
/// The lease a worker holds on one claimed item while it processes it. <see cref="EnsureOwnedAsync"/> renews the lease and
/// throws <see cref="LeaseLostException"/> when another worker has claimed the item since (this worker was paused or slow
/// past its lease): a flow calls it right before a side effect that must not happen twice, such as creating a shipment.
/// </summary>
internal sealed class WorkLease(WorkFailures owner, WorkQueue queue, WorkItem item)
{
    public WorkItem Item => item;

    public WorkQueue Queue => queue;

    /// <summary>Renews the lease; throws <see cref="LeaseLostException"/> when it is another worker's now.</summary>
    /// <param name="step">What the worker is about to do, for the log.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public async ValueTask EnsureOwnedAsync(string step, CancellationToken cancellationToken)
    {
        if (!await owner.TryRenewAsync(queue, item, cancellationToken).ConfigureAwait(false))
        {
            throw new LeaseLostException(step);
        }
    }
}

/// <summary>Thrown inside a pass when the worker's lease on an item was taken over; the pass drops the item without writing.</summary>
internal sealed class LeaseLostException(string step) : Exception($"The lease was lost before {step}.")
{
    public string Step => step;
}
