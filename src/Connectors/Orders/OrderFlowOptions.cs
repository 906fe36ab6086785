using System.ComponentModel.DataAnnotations;

namespace Connectors.Orders;

/// <summary>Order, fulfilment, returns and reconciliation settings.</summary>
public sealed class OrderFlowOptions
{
    /// <summary>How far before the stored cursor each poll starts again, so orders updated near a page boundary or under clock skew are not missed.</summary>
    /// <value>Default 5 minutes; from zero to 1 day.</value>
    public TimeSpan PollOverlap { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How far back the first poll of a channel (no stored cursor yet) looks.</summary>
    /// <value>Default 1 day; from 1 minute to 365 days.</value>
    public TimeSpan InitialPollWindow { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Inbox items one processing pass claims.</summary>
    /// <value>Default 50; from 1 to 1000.</value>
    [Range(1, 1000)]
    public int InboxBatchSize { get; set; } = 50;

    /// <summary>
    /// The longest one order version may be processed (channel look-ups, mapping, the WMS submission, update or
    /// cancellation) while it holds the order's lock. The lock is renewed every third of
    /// <see cref="ConnectorsOptions.LeaseDuration"/> until then, so a slow but answering WMS keeps its order; at this
    /// limit the processing is cancelled, the lock is no longer renewed and lapses, and the version is retried as a
    /// transient failure, so a host hung in a call that never returns loses the order after this long. A host that dies
    /// stops renewing and loses the order after <see cref="ConnectorsOptions.LeaseDuration"/>.
    /// </summary>
    /// <value>Default 10 minutes; from 1 second to 1 day.</value>
    public TimeSpan ProcessingTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Outbox items (shipments, tracking updates, return receipts) one dispatch pass claims.</summary>
    /// <value>Default 50; from 1 to 1000.</value>
    [Range(1, 1000)]
    public int OutboxBatchSize { get; set; } = 50;

    /// <summary>Whether orders are acknowledged to channels that support it (tag, note or status, as the platform offers).</summary>
    /// <value>Default <see langword="true"/>.</value>
    public bool AcknowledgeOrders { get; set; } = true;

    /// <summary>
    /// Whether a return the WMS received and marked restockable is confirmed to the channel with restock. A channel whose
    /// restock adds units to its own stock (<see cref="ChannelStockMoves.RestockAddsStock"/>) and whose stock the engine
    /// pushes is confirmed without it whatever this says: the WMS's level, which counts the returned units, is pushed, and
    /// the channel adding them again would show them twice.
    /// </summary>
    /// <value>Default <see langword="true"/>.</value>
    public bool RestockOnReturn { get; set; } = true;

    /// <summary>Whether a received return also asks the channel to refund.</summary>
    /// <value>Default <see cref="ReturnRefundPolicy.Never"/>.</value>
    public ReturnRefundPolicy RefundOnReturn { get; set; } = ReturnRefundPolicy.Never;

    /// <summary>How far back reconciliation looks for orders the inbox never saw, when the request names no window.</summary>
    /// <value>Default 2 days; from 1 minute to 90 days.</value>
    public TimeSpan ReconciliationWindow { get; set; } = TimeSpan.FromDays(2);

    /// <summary>Whether reconciliation repairs inventory drift (marks the row pending again so the dispatcher re-pushes it).</summary>
    /// <value>Default <see langword="true"/>.</value>
    public bool RepairInventoryDrift { get; set; } = true;

    /// <summary>Whether reconciliation pulls orders the inbox never saw into it.</summary>
    /// <value>Default <see langword="true"/>.</value>
    public bool RepairMissedOrders { get; set; } = true;

    /// <summary>Whether reconciliation re-sends shipments the WMS confirmed but the channel does not show.</summary>
    /// <value>Default <see langword="true"/>.</value>
    public bool RepairMissingShipments { get; set; } = true;
}
