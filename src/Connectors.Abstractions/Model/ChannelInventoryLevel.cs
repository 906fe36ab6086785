namespace Connectors;

/// <summary>The quantity a channel currently shows for an item at a location, read back for reconciliation.</summary>
public sealed record ChannelInventoryLevel
{
    /// <summary>The channel's item id.</summary>
    public required string ChannelItemId { get; init; }

    /// <summary>The channel's location id.</summary>
    public required string LocationId { get; init; }

    /// <summary>The quantity the channel shows as available.</summary>
    public required int Available { get; init; }
}
