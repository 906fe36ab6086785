namespace Connectors.Internal;

/// <summary>
/// The engine's wake-up signals, one per kind of work a hosted worker drains: the inventory flow notifies
/// <see cref="Inventory"/> when it stored new desired quantities, the order flow <see cref="Inbox"/> when it queued an
/// order or return event, the fulfilment flow <see cref="Outbox"/> when it queued a shipment, return or delivery
/// update. In-process only: work queued by another host waits for the worker's idle delay.
/// </summary>
internal sealed class WorkSignals
{
    public WorkSignal Inventory { get; } = new();

    public WorkSignal Inbox { get; } = new();

    public WorkSignal Outbox { get; } = new();
}
