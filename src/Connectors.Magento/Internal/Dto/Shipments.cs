using System.Text.Json.Serialization;

namespace Connectors.Magento.Internal.Dto;

/// <summary><c>sales-data-shipment-interface</c>, the fields the connector reads.</summary>
internal sealed class Shipment
{
    [JsonPropertyName("entity_id")]
    public long EntityId { get; set; }

    [JsonPropertyName("order_id")]
    public long OrderId { get; set; }

    [JsonPropertyName("items")]
    public List<ShipmentItem>? Items { get; set; }

    [JsonPropertyName("tracks")]
    public List<ShipmentTrack>? Tracks { get; set; }

    [JsonPropertyName("comments")]
    public List<ShipmentComment>? Comments { get; set; }
}

/// <summary><c>sales-data-shipment-item-interface</c> and <c>-creation-interface</c>.</summary>
internal sealed class ShipmentItem
{
    [JsonPropertyName("order_item_id")]
    public long OrderItemId { get; set; }

    [JsonPropertyName("qty")]
    public decimal Qty { get; set; }
}

/// <summary><c>sales-data-shipment-track-interface</c> and <c>-creation-interface</c>.</summary>
internal sealed class ShipmentTrack
{
    [JsonPropertyName("track_number")]
    public string? TrackNumber { get; set; }

    [JsonPropertyName("title")]
    public string? Title { get; set; }

    [JsonPropertyName("carrier_code")]
    public string? CarrierCode { get; set; }
}

/// <summary><c>sales-data-shipment-comment-interface</c> and <c>-creation-interface</c>.</summary>
internal sealed class ShipmentComment
{
    [JsonPropertyName("comment")]
    public string? Comment { get; set; }

    [JsonPropertyName("is_visible_on_front")]
    public int IsVisibleOnFront { get; set; }
}

/// <summary>The body of <c>POST /V1/order/{orderId}/ship</c>.</summary>
internal sealed class ShipOrderRequest
{
    [JsonPropertyName("items")]
    public List<ShipmentItem> Items { get; set; } = [];

    [JsonPropertyName("notify")]
    public bool Notify { get; set; }

    [JsonPropertyName("appendComment")]
    public bool AppendComment { get; set; }

    [JsonPropertyName("comment")]
    public ShipmentComment? Comment { get; set; }

    [JsonPropertyName("tracks")]
    public List<ShipmentTrack> Tracks { get; set; } = [];
}

/// <summary>The body of <c>POST /V1/shipment/track</c>.</summary>
internal sealed class ShipmentTrackRequest
{
    [JsonPropertyName("entity")]
    public ShipmentTrackEntity Entity { get; set; } = new();
}

/// <summary><c>sales-data-shipment-track-interface</c> as written (its required fields).</summary>
internal sealed class ShipmentTrackEntity
{
    [JsonPropertyName("order_id")]
    public long OrderId { get; set; }

    [JsonPropertyName("parent_id")]
    public long ParentId { get; set; }

    [JsonPropertyName("weight")]
    public decimal Weight { get; set; }

    [JsonPropertyName("qty")]
    public decimal Qty { get; set; }

    [JsonPropertyName("description")]
    public string? Description { get; set; }

    [JsonPropertyName("track_number")]
    public string? TrackNumber { get; set; }

    [JsonPropertyName("title")]
    public string? Title { get; set; }

    [JsonPropertyName("carrier_code")]
    public string? CarrierCode { get; set; }
}
