namespace Connectors;

/// <summary>The durable queues of the state store.</summary>
public enum WorkQueue
{
    /// <summary>Channel -> WMS: webhook deliveries and polled orders and returns.</summary>
    Inbox = 0,

    /// <summary>WMS -> channel: shipments, tracking updates, return confirmations, acknowledgements.</summary>
    Outbox,
}
