namespace Connectors.Mapping.Catalog;

/// <summary>A catalogue item with no mapping.</summary>
/// <param name="ChannelItemId">The channel's item id.</param>
/// <param name="Sku">The SKU the channel shows, if any.</param>
/// <param name="Reason">Why it did not match.</param>
public sealed record UnmatchedItem(string ChannelItemId, string? Sku, string Reason);
