namespace Connectors;

/// <summary>The outcome of a full sync or a dry run.</summary>
/// <param name="ComputedAt">When it was computed.</param>
/// <param name="IsDryRun">Whether nothing was stored.</param>
/// <param name="Channels">One entry per inventory channel, in registration order.</param>
public sealed record InventorySyncReport(DateTimeOffset ComputedAt, bool IsDryRun, IReadOnlyList<ChannelInventoryPlan> Channels);
