using Connectors.Internal;

namespace Connectors.State;

/// <summary>The listing actions' zero lists (<see cref="IListingZeroStore"/>), one set per channel, under the store's lock.</summary>
public sealed partial class InMemorySyncStateStore : IListingZeroStore
{
    private readonly Dictionary<string, string[]> _zeroed = new(StringComparer.Ordinal);
    private long _zeroedVersion;

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<string>> GetZeroedListingItemsAsync(string channel, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(channel);
        lock (_gate)
        {
            return ValueTask.FromResult<IReadOnlyList<string>>(_zeroed.TryGetValue(channel, out var ids) ? [.. ids] : []);
        }
    }

    /// <inheritdoc />
    public ValueTask ReplaceZeroedListingItemsAsync(string channel, IReadOnlyCollection<string> channelItemIds, CancellationToken cancellationToken = default)
    {
        var ids = ListingZeroChecks.Check(channel, channelItemIds);
        lock (_gate)
        {
            if (ids.Length == 0)
            {
                _zeroed.Remove(channel);
            }
            else
            {
                _zeroed[channel] = ids;
            }

            _zeroedVersion++;
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<long> GetZeroedListingVersionAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return ValueTask.FromResult(_zeroedVersion);
        }
    }
}
