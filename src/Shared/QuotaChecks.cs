namespace Connectors.Internal;

/// <summary>The argument checks every <see cref="IQuotaStore"/> makes alike, compiled into each store package.</summary>
internal static class QuotaChecks
{
    public static void Check(QuotaSpend spend)
    {
        ArgumentNullException.ThrowIfNull(spend);
        ArgumentNullException.ThrowIfNull(spend.Channel);
        if (spend.Limit < 0)
        {
            throw new ConnectorValidationException(nameof(QuotaSpend.Limit), $"must not be negative (was {spend.Limit}).");
        }

        if (spend.Amount <= 0)
        {
            throw new ConnectorValidationException(nameof(QuotaSpend.Amount), $"must be greater than zero (was {spend.Amount}).");
        }
    }

    /// <summary>Checks the request and counts the revisions wanted per listing, ordered by listing id (ordinal).</summary>
    public static SortedDictionary<string, int> Check(RevisionSpend spend)
    {
        ArgumentNullException.ThrowIfNull(spend);
        ArgumentNullException.ThrowIfNull(spend.Channel);
        if (spend.Limit < 0)
        {
            throw new ConnectorValidationException(nameof(RevisionSpend.Limit), $"must not be negative (was {spend.Limit}).");
        }

        var wanted = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var listings = spend.Listings ?? throw new ConnectorValidationException(nameof(RevisionSpend.Listings), "must not be null.");
        for (var i = 0; i < listings.Count; i++)
        {
            var listing = Listing(listings[i], $"{nameof(RevisionSpend.Listings)}[{i}]");
            wanted[listing] = wanted.GetValueOrDefault(listing) + 1;
        }

        return wanted;
    }

    // "" is the channel's own call count in every store, so it is no listing id.
    public static string Listing(string? listing, string field) =>
        string.IsNullOrEmpty(listing) ? throw new ConnectorValidationException(field, "must be a non-empty listing id.") : listing;
}
