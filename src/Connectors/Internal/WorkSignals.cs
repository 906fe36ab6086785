namespace Connectors.Internal;

/// <summary>
/// The engine's wake-up signals, one per queue a hosted worker drains: the order flow notifies <see cref="Inbox"/> when it
/// queued an order or return event, the fulfilment flow <see cref="Outbox"/> when it queued a shipment, return or
/// delivery update. In-process only: work queued by another host waits for the worker's idle delay.
/// </summary>
internal sealed class WorkSignals
{
    public WorkSignal Inbox { get; } = new();

    public WorkSignal Outbox { get; } = new();
}
