namespace Connectors.Mapping.Catalog;

/// <summary>The outcome of loading a channel's catalogue.</summary>
public sealed record CatalogMatchResult
{
    /// <summary>The channel instance.</summary>
    public required string Channel { get; init; }

    /// <summary>Items matched by a variant rule or by SKU, now resolvable.</summary>
    public required IReadOnlyList<ChannelItemDefinition> Matched { get; init; }

    /// <summary>Catalogue items that already had an explicit mapping (table, CSV or bundle).</summary>
    public required int ExplicitCount { get; init; }

    /// <summary>SKUs claimed by more than one channel item (or matching more than one WMS SKU); none of them was mapped.</summary>
    public required IReadOnlyList<AmbiguousMatch> Ambiguous { get; init; }

    /// <summary>Items with no match.</summary>
    public required IReadOnlyList<UnmatchedItem> Unmatched { get; init; }

    /// <summary>Whether every catalogue item is mapped without ambiguity.</summary>
    public bool IsComplete => Ambiguous.Count == 0 && Unmatched.Count == 0;
}
