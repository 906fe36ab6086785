namespace Connectors;

/// <summary>A named position in a channel's feed (for example the order poll's updated-at), with a version for optimistic concurrency.</summary>
public sealed record SyncCursor
{
    /// <summary>The channel instance.</summary>
    public required string Channel { get; init; }

    /// <summary>The cursor name (for example <c>orders</c>).</summary>
    public required string Name { get; init; }

    /// <summary>The position, as the engine encodes it.</summary>
    public required string Value { get; init; }

    /// <summary>Grows by one on each successful set; 0 means never set.</summary>
    public required long Version { get; init; }
}
