namespace Connectors.Shopify.Internal.Json;

internal sealed record LineItemNode(string Id, string? Sku, string? Title, int Quantity, LineVariantNode? Variant, MoneyBag? OriginalUnitPriceSet)
{
    /// <summary>Schema: "The number of units ordered, excluding refunded and removed units." (<c>quantity</c> includes them.)</summary>
    public int? CurrentQuantity { get; init; }

    /// <summary>Schema: "Whether physical shipping is required for the variant." False for gift cards and digital goods.</summary>
    public bool? RequiresShipping { get; init; }

    /// <summary>Schema: "The number of units not yet fulfilled." Below <see cref="Quantity"/> when units were fulfilled (or removed).</summary>
    public int? UnfulfilledQuantity { get; init; }
}
