namespace Connectors;

/// <summary>
/// Durable engine state: inventory rows (desired and acknowledged), the inbox and outbox with leases, dead letters,
/// cursors, idempotency keys, order records and oversell reservations. Implementations must pass the conformance
/// suite in <c>Connectors.Testing</c>. Time is passed in by the caller, so a store has no clock of its own, with one
/// exception: a store shared by several hosts may measure lease expiry on its own clock (see <see cref="IOwnedWorkItemStore"/>).
/// Every batch method is atomic: all of it is stored, or none. A store should also implement <see cref="IOwnedWorkItemStore"/>
/// and <see cref="IOwnedInventoryStore"/>, so that a worker whose lease ran out cannot write over the next owner's work.
/// <para>
/// The members live on narrow interfaces, one per kind of state, so that code needing one kind depends on that one
/// and a test double implements only it. This interface will not gain members: new kinds of state come as new
/// interfaces a store may implement (as <see cref="IOwnedWorkItemStore"/>, <see cref="IStockBookStore"/> and
/// <see cref="IPriceStore"/> do), which the engine discovers at run time, so a store written today keeps compiling.
/// </para>
/// </summary>
public interface ISyncStateStore :
    IInventoryStateStore,
    IWorkQueueStore,
    IDeadLetterStore,
    ICursorStore,
    IIdempotencyKeyStore,
    IOrderRecordStore,
    IReservationStore,
    IStateRetention
{
}
