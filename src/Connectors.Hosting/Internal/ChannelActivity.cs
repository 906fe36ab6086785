using System.Collections.Concurrent;

namespace Connectors.Hosting.Internal;

/// <summary>What the workers last saw of each channel, for the health checks.</summary>
internal sealed class ChannelActivity
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.OrdinalIgnoreCase);

    public void RecordSuccess(string channel, DateTimeOffset at) =>
        _entries.AddOrUpdate(channel, _ => new Entry(at, null, null), (_, e) => e with { LastSuccess = at });

    public void RecordFailure(string channel, DateTimeOffset at, string reason) =>
        _entries.AddOrUpdate(channel, _ => new Entry(null, at, reason), (_, e) => e with { LastFailure = at, LastFailureReason = reason });

    public Entry? Get(string channel) => _entries.TryGetValue(channel, out var entry) ? entry : null;

    internal sealed record Entry(DateTimeOffset? LastSuccess, DateTimeOffset? LastFailure, string? LastFailureReason);
}
