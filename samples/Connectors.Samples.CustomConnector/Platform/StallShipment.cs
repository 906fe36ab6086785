namespace Connectors.Samples.CustomConnector.Platform;

/// <summary>A shipment the seller recorded on a <see cref="StallOrder"/>.</summary>
/// <param name="Id">The stall's shipment id.</param>
/// <param name="OrderId">The order.</param>
/// <param name="Reference">The seller's reference (the connector stores the WMS shipment id here).</param>
/// <param name="Lines">Line id and quantity per line.</param>
/// <param name="TrackingNumbers">Tracking numbers.</param>
public sealed record StallShipment(string Id, string OrderId, string Reference, IReadOnlyList<(string LineId, int Quantity)> Lines, IReadOnlyList<string> TrackingNumbers);
