namespace Connectors;

/// <summary>What one price dispatch pass did for a channel.</summary>
public sealed record PriceDispatchResult
{
    /// <summary>The channel instance.</summary>
    public required string Channel { get; init; }

    /// <summary>Batches sent, failed ones included.</summary>
    public int Batches { get; init; }

    /// <summary>Prices the channel applied (now acknowledged).</summary>
    public int Applied { get; init; }

    /// <summary>Prices the channel rejected (dead-lettered and parked).</summary>
    public int Rejected { get; init; }

    /// <summary>Prices rescheduled after a transient failure.</summary>
    public int Rescheduled { get; init; }

    /// <summary>Prices dead-lettered: rejected ones plus those out of attempts.</summary>
    public int DeadLettered { get; init; }
}
