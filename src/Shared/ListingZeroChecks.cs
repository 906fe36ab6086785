namespace Connectors.Internal;

/// <summary>The argument checks every <see cref="IListingZeroStore"/> makes alike, compiled into each store package.</summary>
internal static class ListingZeroChecks
{
    /// <summary>Checks the arguments and returns the ids, each once, in ordinal order.</summary>
    public static string[] Check(string channel, IReadOnlyCollection<string> channelItemIds)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentNullException.ThrowIfNull(channelItemIds);
        var index = 0;
        foreach (var id in channelItemIds)
        {
            if (string.IsNullOrEmpty(id))
            {
                throw new ConnectorValidationException($"channelItemIds[{index}]", "must not be null or empty.");
            }

            index++;
        }

        var ids = channelItemIds.Distinct(StringComparer.Ordinal).ToArray();
        Array.Sort(ids, StringComparer.Ordinal);
        return ids;
    }
}
