namespace Connectors;

/// <summary>The quantity a channel currently shows for an item at a location, read back for reconciliation.</summary>
/// <param name="ChannelItemId">The channel's item id.</param>
/// <param name="LocationId">The channel's location id.</param>
/// <param name="Available">The quantity the channel shows as available.</param>
public sealed record ChannelInventoryLevel(string ChannelItemId, string LocationId, int Available);
