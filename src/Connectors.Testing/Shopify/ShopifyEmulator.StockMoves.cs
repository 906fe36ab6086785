namespace Connectors.Testing.Shopify;

/// <summary>The shop's own stock moves (<see cref="ShopifyEmulatorOptions.OrdersMoveStock"/>).</summary>
public sealed partial class ShopifyEmulator
{
    /// <summary>The units of an item committed to unfulfilled orders at a location (0 unless orders move stock).</summary>
    /// <param name="inventoryItemId">The InventoryItem GID.</param>
    /// <param name="locationId">The Location GID.</param>
    /// <returns>The committed quantity.</returns>
    public int GetCommitted(string inventoryItemId, string locationId)
    {
        ArgumentNullException.ThrowIfNull(inventoryItemId);
        ArgumentNullException.ThrowIfNull(locationId);
        return _graph.GetCommitted(Id(inventoryItemId), Id(locationId));
    }
}
