namespace Connectors.Testing.Magento;

/// <summary>One line of an order placed on the <see cref="MagentoEmulator"/>: a simple product, a configurable's child, or a bundle.</summary>
public sealed record MagentoEmulatorLine
{
    private MagentoEmulatorLine(string sku, int quantity, decimal price)
    {
        Sku = sku;
        Quantity = quantity;
        Price = price;
    }

    /// <summary>The simple product's SKU, the configurable's chosen child, or the bundle's SKU.</summary>
    public string Sku { get; }

    /// <summary>The quantity ordered (of bundles, for a bundle).</summary>
    public int Quantity { get; }

    /// <summary>The unit price (the configurable parent's and the bundle's price for those).</summary>
    public decimal Price { get; }

    /// <summary>The configurable product's SKU when this is a configurable line.</summary>
    public string? ConfigurableSku { get; private init; }

    /// <summary>The components of a bundle line and the quantity of each in one bundle.</summary>
    public IReadOnlyDictionary<string, int>? BundleComponents { get; private init; }

    /// <summary>A simple product.</summary>
    /// <param name="sku">Its SKU.</param>
    /// <param name="quantity">The quantity.</param>
    /// <param name="price">The unit price.</param>
    /// <returns>The line.</returns>
    public static MagentoEmulatorLine Simple(string sku, int quantity, decimal price = 10m) => new(sku, quantity, price);

    /// <summary>A configurable product with its chosen child: Magento's parent item (price) and child item (SKU).</summary>
    /// <param name="configurableSku">The configurable product's SKU.</param>
    /// <param name="childSku">The chosen child's SKU.</param>
    /// <param name="quantity">The quantity.</param>
    /// <param name="price">The unit price.</param>
    /// <returns>The line.</returns>
    public static MagentoEmulatorLine Configurable(string configurableSku, string childSku, int quantity, decimal price = 10m) =>
        new(childSku, quantity, price) { ConfigurableSku = configurableSku };

    /// <summary>A fixed-price bundle shipped together: the bundle item carries the price, its children the SKUs.</summary>
    /// <param name="bundleSku">The bundle's SKU.</param>
    /// <param name="quantity">The number of bundles.</param>
    /// <param name="price">The bundle's unit price.</param>
    /// <param name="components">Each component SKU and its quantity in one bundle.</param>
    /// <returns>The line.</returns>
    public static MagentoEmulatorLine Bundle(string bundleSku, int quantity, decimal price, IReadOnlyDictionary<string, int> components) =>
        new(bundleSku, quantity, price) { BundleComponents = components };
}
