namespace Connectors.Mapping.Profiles;

/// <summary>One WMS SKU in a bundle and how many WMS units of it one bundle holds.</summary>
public sealed class ComponentMapping
{
    /// <summary>The WMS SKU.</summary>
    public string? Sku { get; set; }

    /// <summary>WMS units of <see cref="Sku"/> in one bundle.</summary>
    /// <value>1 by default; must be greater than zero.</value>
    public decimal QuantityPerUnit { get; set; } = 1m;
}
