namespace Connectors;

/// <summary>
/// The engine's state for one price row: what the channel should show (<see cref="Desired"/>) and what it last
/// confirmed (<see cref="Acknowledged"/>). The row is pending while they differ, and is pushed unless it is held.
/// </summary>
public sealed record PriceRow
{
    /// <summary>The row.</summary>
    public required PriceKey Key { get; init; }

    /// <summary>The price the channel should show.</summary>
    public required ChannelPrice Desired { get; init; }

    /// <summary>The price the channel last confirmed, or <see langword="null"/> when never pushed.</summary>
    public ChannelPrice? Acknowledged { get; init; }

    /// <summary>Grows by one each time <see cref="Desired"/> changes.</summary>
    public long Version { get; init; }

    /// <summary>The WMS SKU behind the item, for diagnostics.</summary>
    public string? Sku { get; init; }

    /// <summary>Failed pushes since the last success or change.</summary>
    public int Attempts { get; init; }

    /// <summary>When the dispatcher may push it next; <see cref="DateTimeOffset.MaxValue"/> parks it.</summary>
    public DateTimeOffset NextAttemptAt { get; init; }

    /// <summary>When the row last changed.</summary>
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>The last push failure.</summary>
    public string? LastError { get; init; }

    /// <summary>Why the change is held for a person to release or discard, or <see langword="null"/> when it is not held.</summary>
    public string? HoldReason { get; init; }

    /// <summary>Whether the channel does not yet show <see cref="Desired"/>.</summary>
    public bool IsPending => Acknowledged != Desired;

    /// <summary>Whether the change waits for a person.</summary>
    public bool IsHeld => HoldReason is not null;
}
