namespace Connectors;

/// <summary>The channel confirmed a pushed quantity for a row.</summary>
/// <param name="Key">The row.</param>
/// <param name="Quantity">The quantity pushed and applied.</param>
public readonly record struct InventoryAcknowledgement(InventoryKey Key, int Quantity);
