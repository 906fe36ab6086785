using System.Text.Json.Serialization;

namespace Connectors.Inventory.Internal;

/// <summary>The payload of an inventory dead letter: the target that could not be pushed.</summary>
internal sealed record InventoryDeadLetterPayload(
    [property: JsonPropertyName("channel")] string Channel,
    [property: JsonPropertyName("channelItemId")] string ChannelItemId,
    [property: JsonPropertyName("locationId")] string LocationId,
    [property: JsonPropertyName("quantity")] int Quantity,
    [property: JsonPropertyName("sku")] string? Sku,
    [property: JsonPropertyName("version")] long Version);
