namespace Connectors;

/// <summary>What one dispatch pass did for a channel.</summary>
public sealed record InventoryDispatchResult
{
    /// <summary>The channel instance.</summary>
    public required string Channel { get; init; }

    /// <summary>Batches sent, failed ones included.</summary>
    public required int Batches { get; init; }

    /// <summary>Items the channel applied (now acknowledged).</summary>
    public required int Applied { get; init; }

    /// <summary>Items the channel rejected (dead-lettered and parked).</summary>
    public required int Rejected { get; init; }

    /// <summary>Items rescheduled after a transient failure.</summary>
    public required int Rescheduled { get; init; }

    /// <summary>Items dead-lettered: rejected ones plus those out of attempts.</summary>
    public required int DeadLettered { get; init; }
}
