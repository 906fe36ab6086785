namespace Connectors.Mapping.Catalog;

/// <summary>A WMS SKU that several channel items claim; none of them is mapped until the profile says which.</summary>
public sealed record AmbiguousMatch
{
    /// <summary>The (normalised) SKU.</summary>
    public required string Sku { get; init; }

    /// <summary>The channel items claiming it.</summary>
    public required IReadOnlyList<string> ChannelItemIds { get; init; }

    /// <summary>What makes it ambiguous.</summary>
    public required string Reason { get; init; }
}
