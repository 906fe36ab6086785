namespace Connectors;

/// <summary>The rows of one channel a full sync computed, and those that differ from what the channel shows.</summary>
public sealed record ChannelInventoryPlan
{
    /// <summary>The channel instance.</summary>
    public required string Channel { get; init; }

    /// <summary>Rows computed.</summary>
    public required int RowsComputed { get; init; }

    /// <summary>Rows whose quantity differs from the last acknowledged one: what a dispatch pushes.</summary>
    public required IReadOnlyList<InventoryChange> Changes { get; init; }
}
