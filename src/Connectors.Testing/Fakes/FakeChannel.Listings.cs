using System.Runtime.CompilerServices;

namespace Connectors.Testing;

/// <summary>
/// The listing ports of the fake channel: listings with a status, read page by page (counting what was read, so a test
/// can see a consumer stream), and deactivation and reactivation that change the status as a marketplace would.
/// </summary>
public sealed partial class FakeChannel : IListingChannel, IListingActionChannel
{
    private readonly List<ChannelListing> _listings = [];
    private readonly Dictionary<string, int> _listingIndex = new(StringComparer.Ordinal);
    private readonly List<(string Action, IReadOnlyList<string> Items)> _listingActions = [];
    private long _listingsRead;

    /// <summary>Listings one page of <see cref="ListListingsAsync"/> copies out under the channel's lock.</summary>
    /// <value>100.</value>
    public int ListingPageSize { get; init; } = 100;

    /// <summary>How many listings <see cref="ListListingsAsync"/> has handed out so far, over every call.</summary>
    public long ListingsRead => Interlocked.Read(ref _listingsRead);

    /// <summary>Every deactivation and reactivation call, in order, with the item ids it carried.</summary>
    public IReadOnlyList<(string Action, IReadOnlyList<string> Items)> ListingActions
    {
        get
        {
            lock (_gate)
            {
                return [.. _listingActions];
            }
        }
    }

    /// <summary>Adds a listing, or replaces the one with the same <see cref="ChannelListing.ChannelItemId"/> in its place.</summary>
    /// <param name="listing">The listing.</param>
    public void PutListing(ChannelListing listing)
    {
        ArgumentNullException.ThrowIfNull(listing);
        lock (_gate)
        {
            if (_listingIndex.TryGetValue(listing.ChannelItemId, out var at))
            {
                _listings[at] = listing;
            }
            else
            {
                _listingIndex[listing.ChannelItemId] = _listings.Count;
                _listings.Add(listing);
            }
        }
    }

    /// <summary>The listing with this item id as the channel shows it now, or <see langword="null"/>.</summary>
    /// <param name="channelItemId">The item id.</param>
    /// <returns>The listing.</returns>
    public ChannelListing? GetListing(string channelItemId)
    {
        lock (_gate)
        {
            return _listingIndex.TryGetValue(channelItemId, out var at) ? _listings[at] : null;
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<ChannelListing> ListListingsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var offset = 0;
        var page = new List<ChannelListing>(ListingPageSize);
        while (true)
        {
            page.Clear();
            lock (_gate)
            {
                for (var i = offset; i < _listings.Count && page.Count < ListingPageSize; i++)
                {
                    page.Add(_listings[i]);
                }
            }

            if (page.Count == 0)
            {
                yield break;
            }

            offset += page.Count;
            foreach (var listing in page)
            {
                cancellationToken.ThrowIfCancellationRequested();
                Interlocked.Increment(ref _listingsRead);
                yield return listing;
            }

            await Task.Yield();
        }
    }

    /// <inheritdoc />
    /// <remarks>Active and sold-out listings become <see cref="ListingStatus.Inactive"/>; others stay as they are.</remarks>
    public Task<IReadOnlyList<ListingActionResult>> DeactivateListingsAsync(IReadOnlyList<ChannelListing> listings, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<ListingActionResult>>(ChangeStatus("deactivate", listings, l => l.Status is ListingStatus.Active or ListingStatus.SoldOut, ListingStatus.Inactive, "inactive"));

    /// <inheritdoc />
    /// <remarks>Sold-out and inactive listings become <see cref="ListingStatus.Active"/>; a draft is refused (publishing is a person's decision).</remarks>
    public Task<IReadOnlyList<ListingActionResult>> ReactivateListingsAsync(IReadOnlyList<ChannelListing> listings, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<ListingActionResult>>(ChangeStatus("reactivate", listings, l => l.Status is ListingStatus.SoldOut or ListingStatus.Inactive or ListingStatus.Active, ListingStatus.Active, "active"));

    private List<ListingActionResult> ChangeStatus(string action, IReadOnlyList<ChannelListing> listings, Func<ChannelListing, bool> allowed, ListingStatus to, string platformStatus)
    {
        ArgumentNullException.ThrowIfNull(listings);
        var results = new List<ListingActionResult>(listings.Count);
        lock (_gate)
        {
            _listingActions.Add((action, [.. listings.Select(l => l.ChannelItemId)]));
            foreach (var wanted in listings)
            {
                if (!_listingIndex.TryGetValue(wanted.ChannelItemId, out var at))
                {
                    results.Add(ListingActionResult.Rejected(wanted.ChannelItemId, "no such listing"));
                    continue;
                }

                var current = _listings[at];
                if (!allowed(current))
                {
                    results.Add(ListingActionResult.Rejected(wanted.ChannelItemId, $"cannot {action} a listing in status {current.Status}"));
                    continue;
                }

                _listings[at] = current with { Status = to, PlatformStatus = platformStatus };
                results.Add(ListingActionResult.Applied(wanted.ChannelItemId));
            }
        }

        return results;
    }
}
