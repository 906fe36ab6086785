namespace Connectors;

/// <summary>
/// The engine's state for one inventory row: what the channel should show (<see cref="Desired"/>) and what it last
/// confirmed (<see cref="Acknowledged"/>). The row is pending while they differ.
/// </summary>
public sealed record InventoryRow
{
    /// <summary>The row.</summary>
    public required InventoryKey Key { get; init; }

    /// <summary>The quantity the channel should show.</summary>
    public required int Desired { get; init; }

    /// <summary>The quantity the channel last confirmed, or <see langword="null"/> when never pushed.</summary>
    public int? Acknowledged { get; init; }

    /// <summary>Grows by one each time <see cref="Desired"/> changes.</summary>
    public required long Version { get; init; }

    /// <summary>The WMS SKU behind the item.</summary>
    public string? Sku { get; init; }

    /// <summary>Failed pushes since the last success or change.</summary>
    public required int Attempts { get; init; }

    /// <summary>When the dispatcher may push it next; <see cref="DateTimeOffset.MaxValue"/> parks it.</summary>
    public required DateTimeOffset NextAttemptAt { get; init; }

    /// <summary>When the row last changed.</summary>
    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>The last push failure.</summary>
    public string? LastError { get; init; }

    /// <summary>
    /// The owner token of the claim that returned this row, or <see langword="null"/> on a row that was not claimed (or
    /// from a store without <see cref="IOwnedInventoryStore"/>); see <see cref="InventoryAcknowledgement.LeaseToken"/>.
    /// </summary>
    public string? LeaseToken { get; init; }

    /// <summary>Whether the channel does not yet show <see cref="Desired"/>.</summary>
    public bool IsPending => Acknowledged != Desired;
}
