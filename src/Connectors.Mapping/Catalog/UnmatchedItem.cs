namespace Connectors.Mapping.Catalog;

/// <summary>A catalogue item with no mapping.</summary>
public sealed record UnmatchedItem
{
    /// <summary>The channel's item id.</summary>
    public required string ChannelItemId { get; init; }

    /// <summary>The SKU the channel shows, if any.</summary>
    public string? Sku { get; init; }

    /// <summary>Why it did not match.</summary>
    public required string Reason { get; init; }
}
