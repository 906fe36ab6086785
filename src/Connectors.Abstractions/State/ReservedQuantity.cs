namespace Connectors;

/// <summary>Units of a SKU held back for an order the WMS has not accepted yet.</summary>
/// <param name="Sku">The WMS SKU.</param>
/// <param name="Quantity">WMS units.</param>
public sealed record ReservedQuantity(string Sku, decimal Quantity);
