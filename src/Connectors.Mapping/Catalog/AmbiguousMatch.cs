namespace Connectors.Mapping.Catalog;

/// <summary>A WMS SKU that several channel items claim; none of them is mapped until the profile says which.</summary>
/// <param name="Sku">The (normalised) SKU.</param>
/// <param name="ChannelItemIds">The channel items claiming it.</param>
/// <param name="Reason">What makes it ambiguous.</param>
public sealed record AmbiguousMatch(string Sku, IReadOnlyList<string> ChannelItemIds, string Reason);
