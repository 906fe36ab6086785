namespace Connectors;

/// <summary>What <see cref="IListingHealth.ApplyActionsAsync"/> did on a channel, or would do with the opt-in.</summary>
public sealed record ListingActionsReport
{
    /// <summary>The channel instance.</summary>
    public required string Channel { get; init; }

    /// <summary>Listings of discontinued items (candidates for zero).</summary>
    public IReadOnlyList<ChannelListing> DiscontinuedListings { get; init; } = [];

    /// <summary>Active listings of discontinued items (candidates for deactivation).</summary>
    public IReadOnlyList<ChannelListing> DiscontinuedActiveListings { get; init; } = [];

    /// <summary>Sold-out listings whose items the WMS has in stock again (candidates for reactivation).</summary>
    public IReadOnlyList<ChannelListing> RestockedSoldOutListings { get; init; } = [];

    /// <summary>Item ids the inventory flow now shows as zero; empty without <see cref="ListingActionOptions.ZeroDiscontinued"/>.</summary>
    public IReadOnlyList<string> Zeroed { get; init; } = [];

    /// <summary>Deactivation outcomes; empty without <see cref="ListingActionOptions.DeactivateDiscontinued"/>.</summary>
    public IReadOnlyList<ListingActionResult> Deactivated { get; init; } = [];

    /// <summary>Reactivation outcomes; empty without <see cref="ListingActionOptions.ReactivateWhenStocked"/>.</summary>
    public IReadOnlyList<ListingActionResult> Reactivated { get; init; } = [];

    /// <summary>Problem counts of the report the actions were decided on.</summary>
    public IReadOnlyDictionary<ListingProblems, int> ProblemCounts { get; init; } = new Dictionary<ListingProblems, int>();
}
