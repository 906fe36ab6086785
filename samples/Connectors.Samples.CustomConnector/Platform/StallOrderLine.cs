namespace Connectors.Samples.CustomConnector.Platform;

/// <summary>A line of a <see cref="StallOrder"/>.</summary>
/// <param name="Id">The line id.</param>
/// <param name="Sku">The listing sold.</param>
/// <param name="Quantity">Units.</param>
/// <param name="UnitPrice">The price of one unit.</param>
public sealed record StallOrderLine(string Id, string Sku, int Quantity, decimal UnitPrice);
