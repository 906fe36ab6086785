namespace Connectors.Testing.Shopify;

/// <summary>A variant the emulator holds.</summary>
/// <param name="VariantId">The ProductVariant GID.</param>
/// <param name="InventoryItemId">The InventoryItem GID.</param>
/// <param name="Sku">The SKU.</param>
public sealed record ShopifyEmulatorVariant(string VariantId, string InventoryItemId, string Sku);
