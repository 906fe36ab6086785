namespace Connectors;

/// <summary>An item (variant, product, variation) a channel lists, as discovered for the mapping engine.</summary>
/// <param name="ChannelItemId">The id the connector uses for the item in inventory pushes and order lines.</param>
/// <param name="Sku">The SKU the channel shows, if any.</param>
/// <param name="Title">The item's title.</param>
/// <param name="ParentId">The parent product id for variants and variations.</param>
/// <param name="Attributes">Variant attributes (size, colour) by name.</param>
/// <param name="TracksInventory">Whether the channel tracks stock for the item.</param>
public sealed record ChannelItem(
    string ChannelItemId,
    string? Sku,
    string? Title = null,
    string? ParentId = null,
    IReadOnlyDictionary<string, string>? Attributes = null,
    bool TracksInventory = true);
