namespace Connectors;

/// <summary>The rows of one channel a full sync computed, and those that differ from what the channel shows.</summary>
/// <param name="Channel">The channel instance.</param>
/// <param name="RowsComputed">Rows computed.</param>
/// <param name="Changes">Rows whose quantity differs from the last acknowledged one: what a dispatch pushes.</param>
public sealed record ChannelInventoryPlan(string Channel, int RowsComputed, IReadOnlyList<InventoryChange> Changes);
