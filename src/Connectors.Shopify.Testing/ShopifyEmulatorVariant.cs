namespace Connectors.Testing.Shopify;

/// <summary>A variant the emulator holds.</summary>
public sealed record ShopifyEmulatorVariant
{
    /// <summary>The ProductVariant GID.</summary>
    public required string VariantId { get; init; }

    /// <summary>The InventoryItem GID.</summary>
    public required string InventoryItemId { get; init; }

    /// <summary>The SKU.</summary>
    public required string Sku { get; init; }

    /// <summary>The Product GID of the variant's product.</summary>
    public string ProductId { get; init; } = string.Empty;
}
