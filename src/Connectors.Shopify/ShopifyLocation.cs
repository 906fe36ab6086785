namespace Connectors.Shopify;

/// <summary>A Shopify location.</summary>
public sealed record ShopifyLocation
{
    /// <summary>The Location GID, used as <see cref="InventoryTarget.LocationId"/>.</summary>
    public required string Id { get; init; }

    /// <summary>The location's name.</summary>
    public required string Name { get; init; }

    /// <summary>Whether the location is active.</summary>
    public required bool IsActive { get; init; }
}
