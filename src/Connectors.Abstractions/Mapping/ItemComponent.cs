using Connectors.Internal;

namespace Connectors;

/// <summary>
/// One WMS SKU inside a channel item, and how many WMS units one selling unit holds: 1 for a plain item, 12 for a
/// case of 12, 0.5 for a 0.5 kg bag of a SKU counted in kilograms, and one component per part of a bundle.
/// </summary>
public sealed record ItemComponent
{
    /// <summary>Creates a component.</summary>
    /// <param name="sku">The WMS SKU.</param>
    /// <param name="quantityPerUnit">WMS units per selling unit; greater than zero.</param>
    /// <exception cref="ConnectorValidationException">The SKU is empty or the quantity is not positive.</exception>
    public ItemComponent(string sku, decimal quantityPerUnit)
    {
        Sku = Guard.NotEmpty(sku, nameof(Sku));
        QuantityPerUnit = Guard.Positive(quantityPerUnit, nameof(QuantityPerUnit));
    }

    /// <summary>The WMS SKU.</summary>
    public string Sku { get; }

    /// <summary>WMS units per selling unit.</summary>
    public decimal QuantityPerUnit { get; }
}
