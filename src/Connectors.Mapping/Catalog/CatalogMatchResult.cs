namespace Connectors.Mapping.Catalog;

/// <summary>The outcome of loading a channel's catalogue.</summary>
/// <param name="Channel">The channel instance.</param>
/// <param name="Matched">Items matched by a variant rule or by SKU, now resolvable.</param>
/// <param name="ExplicitCount">Catalogue items that already had an explicit mapping (table, CSV or bundle).</param>
/// <param name="Ambiguous">SKUs claimed by more than one channel item (or matching more than one WMS SKU); none of them was mapped.</param>
/// <param name="Unmatched">Items with no match.</param>
public sealed record CatalogMatchResult(
    string Channel,
    IReadOnlyList<ChannelItemDefinition> Matched,
    int ExplicitCount,
    IReadOnlyList<AmbiguousMatch> Ambiguous,
    IReadOnlyList<UnmatchedItem> Unmatched)
{
    /// <summary>Whether every catalogue item is mapped without ambiguity.</summary>
    public bool IsComplete => Ambiguous.Count == 0 && Unmatched.Count == 0;
}
