namespace Connectors;

/// <summary>The outcome of a full sync or a dry run.</summary>
public sealed record InventorySyncReport
{
    /// <summary>When it was computed.</summary>
    public required DateTimeOffset ComputedAt { get; init; }

    /// <summary>Whether nothing was stored.</summary>
    public required bool IsDryRun { get; init; }

    /// <summary>One entry per inventory channel, in registration order.</summary>
    public required IReadOnlyList<ChannelInventoryPlan> Channels { get; init; }
}
