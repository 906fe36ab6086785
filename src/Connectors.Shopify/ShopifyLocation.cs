namespace Connectors.Shopify;

/// <summary>A Shopify location.</summary>
/// <param name="Id">The Location GID, used as <see cref="InventoryTarget.LocationId"/>.</param>
/// <param name="Name">The location's name.</param>
/// <param name="IsActive">Whether the location is active.</param>
public sealed record ShopifyLocation(string Id, string Name, bool IsActive);
