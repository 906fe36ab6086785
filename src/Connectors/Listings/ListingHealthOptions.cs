namespace Connectors;

/// <summary>Listing health settings. Validated when the host starts.</summary>
public sealed class ListingHealthOptions
{
    /// <summary>The listing actions each channel instance opted into, by channel name (case-insensitive, as channel names are); a channel not named here gets none, and a name no channel has fails at start.</summary>
    public IDictionary<string, ListingActionOptions> Channels { get; } = new Dictionary<string, ListingActionOptions>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Listings one deactivation or reactivation call carries.</summary>
    /// <value>Default 50; from 1 to 1,000.</value>
    public int ActionBatchSize { get; set; } = 50;
}
