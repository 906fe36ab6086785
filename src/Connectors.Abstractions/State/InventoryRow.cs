namespace Connectors;

/// <summary>
/// The engine's state for one inventory row: what the channel should show (<see cref="Desired"/>) and what it last
/// confirmed (<see cref="Acknowledged"/>). The row is pending while they differ.
/// </summary>
/// <param name="Key">The row.</param>
/// <param name="Desired">The quantity the channel should show.</param>
/// <param name="Acknowledged">The quantity the channel last confirmed, or <see langword="null"/> when never pushed.</param>
/// <param name="Version">Grows by one each time <see cref="Desired"/> changes.</param>
/// <param name="Sku">The WMS SKU behind the item.</param>
/// <param name="Attempts">Failed pushes since the last success or change.</param>
/// <param name="NextAttemptAt">When the dispatcher may push it next; <see cref="DateTimeOffset.MaxValue"/> parks it.</param>
/// <param name="UpdatedAt">When the row last changed.</param>
/// <param name="LastError">The last push failure.</param>
public sealed record InventoryRow(
    InventoryKey Key,
    int Desired,
    int? Acknowledged,
    long Version,
    string? Sku,
    int Attempts,
    DateTimeOffset NextAttemptAt,
    DateTimeOffset UpdatedAt,
    string? LastError)
{
    /// <summary>
    /// The owner token of the claim that returned this row, or <see langword="null"/> on a row that was not claimed (or
    /// from a store without <see cref="IOwnedInventoryStore"/>); see <see cref="InventoryAcknowledgement.LeaseToken"/>.
    /// </summary>
    public string? LeaseToken { get; init; }

    /// <summary>Whether the channel does not yet show <see cref="Desired"/>.</summary>
    public bool IsPending => Acknowledged != Desired;
}
