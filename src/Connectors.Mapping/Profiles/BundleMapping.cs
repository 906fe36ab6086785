namespace Connectors.Mapping.Profiles;

/// <summary>
/// A bundle or kit: one channel item holding several WMS SKUs. <see cref="PackSize"/> sells the bundle in packs
/// (a case of 6 gift sets): every component quantity is multiplied by it.
/// </summary>
public sealed class BundleMapping
{
    /// <summary>The channel's item id.</summary>
    public string? ChannelItemId { get; set; }

    /// <summary>The SKU the channel shows, if any (informational).</summary>
    public string? ChannelSku { get; set; }

    /// <summary>Bundles per selling unit (a case of 6 bundles is 6).</summary>
    /// <value>1 by default; must be a whole number greater than zero.</value>
    public decimal PackSize { get; set; } = 1m;

    /// <summary>When <see langword="false"/> the engine pushes zero for the item.</summary>
    /// <value><see langword="true"/> by default.</value>
    public bool OnSale { get; set; } = true;

    /// <summary>The WMS SKUs in one bundle; at least one, SKUs distinct.</summary>
    public IList<ComponentMapping> Components { get; } = new List<ComponentMapping>();
}
