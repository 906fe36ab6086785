namespace Connectors.WooCommerce.Internal.Dto;

/// <summary>One shipment as this connector records it in the order meta <c>_connectors_shipments</c>.</summary>
internal sealed class WooShipmentRecord
{
    public required string Id { get; init; }
    /// <summary>Line id to quantity; a quantity a host's plugin turned into a string ("1") still reads (type drift).</summary>
    [System.Text.Json.Serialization.JsonNumberHandling(System.Text.Json.Serialization.JsonNumberHandling.AllowReadingFromString)]
    public Dictionary<string, int> Lines { get; set; } = [];
    public List<WooTrackingRecord> Tracking { get; set; } = [];
    public string? ShippedAt { get; init; }
}
