namespace Connectors;

/// <summary>
/// The engine's wake-up signals, one per kind of work a hosted worker drains: the inventory flow notifies
/// <see cref="Inventory"/> when it stored new desired quantities, the order flow <see cref="Inbox"/> when it queued an
/// order or return event, the fulfilment flow <see cref="Outbox"/> when it queued a shipment, return or delivery
/// update. In-process only: work queued by another host waits for the worker's idle delay.
/// <para>
/// <c>AddConnectors()</c> registers one instance as a singleton; resolve it to wait for work in a host's own loops
/// (<c>Connectors.Hosting</c>'s workers do). Each signal suits one waiting loop: see <see cref="WorkSignal"/>.
/// </para>
/// </summary>
public sealed class WorkSignals
{
    /// <summary>Notified when the inventory flow stored new desired quantities (a stock event, a reservation, a full sync).</summary>
    public WorkSignal Inventory { get; } = new();

    /// <summary>Notified when the order flow queued an order or return event in the inbox.</summary>
    public WorkSignal Inbox { get; } = new();

    /// <summary>Notified when the fulfilment flow queued a shipment, return confirmation or delivery update in the outbox.</summary>
    public WorkSignal Outbox { get; } = new();
}
