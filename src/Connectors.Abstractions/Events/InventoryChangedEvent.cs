namespace Connectors;

/// <summary>
/// A channel reports that an item's stock changed on its side (a merchant edited it by hand, for example);
/// reconciliation uses it to find drift.
/// </summary>
public sealed record InventoryChangedEvent : ChannelEvent
{
    /// <summary>The channel item id.</summary>
    public required string ChannelItemId { get; init; }

    /// <summary>The channel location id.</summary>
    public required string LocationId { get; init; }

    /// <summary>The quantity now shown, where the payload carries it.</summary>
    public int? Available { get; init; }
}
