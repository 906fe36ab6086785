namespace Connectors;

/// <summary>One price to set on a channel.</summary>
public sealed record PriceTarget
{
    /// <summary>The channel's item id (variant, offer, listing product).</summary>
    public required string ChannelItemId { get; init; }

    /// <summary>What the channel should show; its currency is the price's currency on the channel.</summary>
    public required ChannelPrice Price { get; init; }

    /// <summary>The WMS SKU behind a single-component item, for diagnostics.</summary>
    public string? Sku { get; init; }
}
