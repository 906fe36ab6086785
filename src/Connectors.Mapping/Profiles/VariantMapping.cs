namespace Connectors.Mapping.Profiles;

/// <summary>
/// A variant rule: the catalogue item under <see cref="ParentId"/> whose attributes (size, colour) match
/// <see cref="Attributes"/> is <see cref="Sku"/>. Applied when the channel's catalogue is loaded. Attribute names
/// compare without case and without WooCommerce's <c>pa_</c> prefix; values compare without case.
/// </summary>
public sealed class VariantMapping
{
    /// <summary>The channel's parent product id.</summary>
    public string? ParentId { get; set; }

    /// <summary>The attribute values the variant must have, by attribute name; at least one.</summary>
    public IDictionary<string, string> Attributes { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>The WMS SKU.</summary>
    public string? Sku { get; set; }

    /// <summary>WMS units per selling unit.</summary>
    /// <value>1 by default; must be greater than zero.</value>
    public decimal QuantityPerUnit { get; set; } = 1m;
}
