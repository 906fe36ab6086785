namespace Connectors.Mapping.Profiles;

/// <summary>
/// One row of the explicit cross-reference: a channel item is <see cref="QuantityPerUnit"/> WMS units of
/// <see cref="Sku"/> (1 for a plain item, 12 for a case of 12, 0.5 for a 0.5 kg bag of a SKU counted in kg).
/// </summary>
public sealed class ItemMapping
{
    /// <summary>The channel's item id (Shopify variant id, WooCommerce product or variation id).</summary>
    public string? ChannelItemId { get; set; }

    /// <summary>The WMS SKU.</summary>
    public string? Sku { get; set; }

    /// <summary>WMS units per selling unit.</summary>
    /// <value>1 by default; must be greater than zero.</value>
    public decimal QuantityPerUnit { get; set; } = 1m;

    /// <summary>The SKU the channel shows, if any (informational).</summary>
    public string? ChannelSku { get; set; }

    /// <summary>When <see langword="false"/> the engine pushes zero for the item.</summary>
    /// <value><see langword="true"/> by default.</value>
    public bool OnSale { get; set; } = true;
}
