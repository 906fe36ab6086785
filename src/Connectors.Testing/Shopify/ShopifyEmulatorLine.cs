namespace Connectors.Testing.Shopify;

/// <summary>A line of an order created with <see cref="ShopifyEmulator.CreateOrderAsync"/>.</summary>
/// <param name="Sku">The SKU of an existing variant.</param>
/// <param name="Quantity">The ordered quantity.</param>
/// <param name="UnitPrice">The unit price in the shop currency.</param>
public sealed record ShopifyEmulatorLine(string Sku, int Quantity, decimal UnitPrice);
