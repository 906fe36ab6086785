using System.Text.Json.Serialization;

namespace Connectors.Prices.Internal;

/// <summary>The payload of a price dead letter: a rejected push or an item that could not be priced.</summary>
internal sealed record PriceDeadLetterPayload
{
    [JsonPropertyName("channel")]
    public required string Channel { get; init; }

    [JsonPropertyName("channelItemId")]
    public required string ChannelItemId { get; init; }

    [JsonPropertyName("currency")]
    public string? Currency { get; init; }

    [JsonPropertyName("price")]
    public string? Price { get; init; }

    [JsonPropertyName("sku")]
    public string? Sku { get; init; }

    [JsonPropertyName("version")]
    public long? Version { get; init; }

    [JsonPropertyName("field")]
    public string? Field { get; init; }
}

/// <summary>Source-generated JSON for the price flow's payloads.</summary>
[JsonSerializable(typeof(PriceDeadLetterPayload))]
internal sealed partial class PriceJsonContext : JsonSerializerContext;
