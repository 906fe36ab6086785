namespace Connectors;

/// <summary>Identifies one inventory row: a channel item at a channel location, on one channel instance.</summary>
/// <param name="Channel">The channel instance.</param>
/// <param name="ChannelItemId">The channel's item id.</param>
/// <param name="LocationId">The channel's location id.</param>
public readonly record struct InventoryKey(string Channel, string ChannelItemId, string LocationId)
{
    /// <inheritdoc />
    public override string ToString() => $"{Channel}/{ChannelItemId}@{LocationId}";
}
