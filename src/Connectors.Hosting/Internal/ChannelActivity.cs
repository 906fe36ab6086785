using System.Collections.Concurrent;

namespace Connectors.Hosting.Internal;

/// <summary>
/// What the workers last saw of each channel, per worker, for the health check: a channel whose orders poll fine but
/// whose inventory pushes all fail is still reported. The subject is a channel name, or <see cref="Warehouse"/> for the
/// start-up full sync.
/// </summary>
internal sealed class ChannelActivity
{
    /// <summary>The subject under which calls that belong to no channel (the start-up full sync) are recorded.</summary>
    public const string Warehouse = "warehouse";

    private readonly ConcurrentDictionary<(string Subject, string Worker), Entry> _entries = new(new KeyComparer());

    public void RecordSuccess(string subject, string worker, DateTimeOffset at) =>
        _entries.AddOrUpdate((subject, worker), _ => new Entry(worker, at, null, null), (_, e) => e with { LastSuccess = at });

    public void RecordFailure(string subject, string worker, DateTimeOffset at, string reason) =>
        _entries.AddOrUpdate((subject, worker), _ => new Entry(worker, null, at, reason), (_, e) => e with { LastFailure = at, LastFailureReason = reason });

    /// <summary>Every worker's entry for <paramref name="subject"/>.</summary>
    public IReadOnlyList<Entry> Get(string subject)
    {
        var found = new List<Entry>();
        foreach (var (key, entry) in _entries)
        {
            if (string.Equals(key.Subject, subject, StringComparison.OrdinalIgnoreCase))
            {
                found.Add(entry);
            }
        }

        found.Sort(static (a, b) => string.CompareOrdinal(a.Worker, b.Worker));
        return found;
    }

    internal sealed record Entry(string Worker, DateTimeOffset? LastSuccess, DateTimeOffset? LastFailure, string? LastFailureReason)
    {
        /// <summary>Whether the latest call failed.</summary>
        public bool Failing => LastFailure is { } failure && (LastSuccess is null || failure > LastSuccess);
    }

    private sealed class KeyComparer : IEqualityComparer<(string Subject, string Worker)>
    {
        public bool Equals((string Subject, string Worker) x, (string Subject, string Worker) y) =>
            StringComparer.OrdinalIgnoreCase.Equals(x.Subject, y.Subject) && StringComparer.Ordinal.Equals(x.Worker, y.Worker);

        public int GetHashCode((string Subject, string Worker) obj) =>
            HashCode.Combine(StringComparer.OrdinalIgnoreCase.GetHashCode(obj.Subject), StringComparer.Ordinal.GetHashCode(obj.Worker));
    }
}
