namespace Connectors;

/// <summary>An item (variant, product, variation) a channel lists, as discovered for the mapping engine.</summary>
public sealed record ChannelItem
{
    /// <summary>The id the connector uses for the item in inventory pushes and order lines.</summary>
    public required string ChannelItemId { get; init; }

    /// <summary>The SKU the channel shows, if any.</summary>
    public string? Sku { get; init; }

    /// <summary>The item's title.</summary>
    public string? Title { get; init; }

    /// <summary>The parent product id for variants and variations.</summary>
    public string? ParentId { get; init; }

    /// <summary>Variant attributes (size, colour) by name.</summary>
    public IReadOnlyDictionary<string, string>? Attributes { get; init; }

    /// <summary>Whether the channel tracks stock for the item.</summary>
    public bool TracksInventory { get; init; } = true;
}
