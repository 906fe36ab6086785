namespace Connectors.Testing.Shopify;

/// <summary>A line of an order created with <see cref="ShopifyEmulator.CreateOrderAsync"/>.</summary>
public sealed record ShopifyEmulatorLine
{
    /// <summary>The SKU of an existing variant.</summary>
    public required string Sku { get; init; }

    /// <summary>The ordered quantity.</summary>
    public required int Quantity { get; init; }

    /// <summary>The unit price in the shop currency.</summary>
    public required decimal UnitPrice { get; init; }

    /// <summary>The Location GID the line's fulfilment order is assigned to; null for the shop's first location.</summary>
    /// <value>Lines of different locations get different fulfilment orders, as Shopify splits them.</value>
    public string? LocationId { get; init; }

    /// <summary>Whether the line needs shipping (false for gift cards and digital goods).</summary>
    /// <value>Default true.</value>
    public bool RequiresShipping { get; init; } = true;

    /// <summary>Units removed or refunded by an order edit: <c>quantity</c> keeps them, <c>currentQuantity</c> does not.</summary>
    /// <value>Default 0.</value>
    public int RemovedQuantity { get; init; }
}
