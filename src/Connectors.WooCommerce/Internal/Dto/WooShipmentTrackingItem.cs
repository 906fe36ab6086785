namespace Connectors.WooCommerce.Internal.Dto;

/// <summary>One entry of the Shipment Tracking extension's <c>_wc_shipment_tracking_items</c> meta.</summary>
internal sealed class WooShipmentTrackingItem
{
    public string? TrackingProvider { get; init; }
    public string? CustomTrackingProvider { get; init; }
    public string? CustomTrackingLink { get; init; }
    public required string TrackingNumber { get; init; }
    public string? DateShipped { get; init; }
    public required string TrackingId { get; init; }
}
