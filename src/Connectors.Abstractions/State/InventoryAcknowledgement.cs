namespace Connectors;

/// <summary>The channel confirmed a pushed quantity for a row.</summary>
/// <param name="Key">The row.</param>
/// <param name="Quantity">The quantity pushed and applied.</param>
public readonly record struct InventoryAcknowledgement(InventoryKey Key, int Quantity)
{
    /// <summary>
    /// The owner token of the claim the push was made under (<see cref="InventoryRow.LeaseToken"/>), checked by
    /// <see cref="IOwnedInventoryStore.AcknowledgeClaimedInventoryAsync"/>; ignored by <see cref="IInventoryStateStore.AcknowledgeInventoryAsync"/>.
    /// </summary>
    public string? LeaseToken { get; init; }
}
