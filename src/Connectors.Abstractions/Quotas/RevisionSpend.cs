namespace Connectors;

/// <summary>A request to spend revisions of listings from their per-listing daily budget (see <see cref="IQuotaStore.SpendRevisionsAsync"/>).</summary>
public sealed class RevisionSpend
{
    /// <summary>The channel instance.</summary>
    public required string Channel { get; init; }

    /// <summary>The start of the daily window the budget belongs to; each window has its own counts.</summary>
    public required DateTimeOffset WindowStart { get; init; }

    /// <summary>The revisions one listing may take in the window.</summary>
    public required int Limit { get; init; }

    /// <summary>The listings (channel item ids) to revise; a listing named n times wants n revisions.</summary>
    public required IReadOnlyList<string> Listings { get; init; }
}
