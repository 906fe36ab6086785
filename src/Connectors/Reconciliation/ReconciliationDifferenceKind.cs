namespace Connectors;

/// <summary>The classes of difference reconciliation reports.</summary>
public enum ReconciliationDifferenceKind
{
    /// <summary>The channel shows a different quantity than the engine last had acknowledged.</summary>
    InventoryDrift = 0,

    /// <summary>The channel shows no level for an item and location the engine believes it pushed (a positive quantity).</summary>
    InventoryMissingOnChannel,

    /// <summary>An order the channel has in the window that the inbox never saw.</summary>
    MissedOrder,

    /// <summary>A newer version of a known order that the inbox never saw.</summary>
    MissedOrderUpdate,

    /// <summary>A shipment the WMS confirmed that the channel does not show and the outbox does not hold pending.</summary>
    ShipmentMissingOnChannel,

    /// <summary>A shipment the channel does not show because its outbox item is a dead letter (see <see cref="IDeadLetters"/>).</summary>
    ShipmentDeadLettered,

    /// <summary>
    /// An inventory row the dispatcher parked (its push failed on every attempt or was rejected) while the channel
    /// shows another quantity; the repair makes the row due again with fresh attempts.
    /// </summary>
    InventoryParked,

    /// <summary>
    /// An oversell window (reservation) still open for an order that no longer needs one: the WMS accepted it, it was
    /// cancelled or rejected, its inbox item is a dead letter, or it outlived the reservation time-to-live. It lowers
    /// every channel's availability until closed; the repair closes it.
    /// </summary>
    OrphanedReservation,

    /// <summary>
    /// An order in the window that the channel lists but cannot read (see <see cref="IOrderListingChannel"/>); the rest
    /// of the orders are still checked. The repair dead-letters it with its payload, as the poll does, once per payload.
    /// </summary>
    UnreadableOrder,
}
