namespace Connectors;

/// <summary>A named position in a channel's feed (for example the order poll's updated-at), with a version for optimistic concurrency.</summary>
/// <param name="Channel">The channel instance.</param>
/// <param name="Name">The cursor name (for example <c>orders</c>).</param>
/// <param name="Value">The position, as the engine encodes it.</param>
/// <param name="Version">Grows by one on each successful set; 0 means never set.</param>
public sealed record SyncCursor(string Channel, string Name, string Value, long Version);
