namespace Connectors;

/// <summary>
/// One line of a channel's listing report: a listing with the warehouse item it matched and its problems, or (with
/// <see cref="Listing"/> <see langword="null"/>) a warehouse item that has stock and no active listing.
/// </summary>
public sealed record ListingReportEntry
{
    /// <summary>The channel instance.</summary>
    public required string Channel { get; init; }

    /// <summary>The listing, or <see langword="null"/> for a warehouse entry (<see cref="ListingProblems.StockedNotListed"/>).</summary>
    public ChannelListing? Listing { get; init; }

    /// <summary>
    /// The WMS SKUs the listing matched: the components of its mapping when the WMS knows them all, otherwise its own SKU
    /// when the WMS knows it; empty when nothing matched. For a warehouse entry, the item's SKU.
    /// </summary>
    public IReadOnlyList<string> WarehouseSkus { get; init; } = [];

    /// <summary>What is wrong; <see cref="ListingProblems.None"/> for a healthy listing.</summary>
    public ListingProblems Problems { get; init; }

    /// <summary>For <see cref="ListingProblems.DuplicateSku"/>, the item id of the first listing the report saw with the SKU.</summary>
    public string? DuplicateOf { get; init; }

    /// <summary>Free WMS stock (on hand less reserved, every location) of the matched item, in selling units of the listing; <see langword="null"/> when nothing matched.</summary>
    public decimal? WarehouseAvailable { get; init; }

    /// <summary>Whether a matched warehouse item is discontinued.</summary>
    public bool Discontinued { get; init; }
}
