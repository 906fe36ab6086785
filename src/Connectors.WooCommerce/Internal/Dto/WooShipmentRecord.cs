namespace Connectors.WooCommerce.Internal.Dto;

/// <summary>One shipment as this connector records it in the order meta <c>_connectors_shipments</c>.</summary>
internal sealed class WooShipmentRecord
{
    public required string Id { get; init; }
    public Dictionary<string, int> Lines { get; set; } = [];
    public List<WooTrackingRecord> Tracking { get; set; } = [];
    public string? ShippedAt { get; init; }
}
