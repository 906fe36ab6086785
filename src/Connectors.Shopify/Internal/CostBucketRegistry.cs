using System.Collections.Concurrent;

namespace Connectors.Shopify.Internal;

/// <summary>One <see cref="CostBucket"/> per shop for the whole process (a singleton), so two channels or clients of the same shop share it.</summary>
internal sealed class CostBucketRegistry
{
    private readonly ConcurrentDictionary<string, CostBucket> _buckets = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, double> _costCorrections = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;

    public CostBucketRegistry(TimeProvider time)
    {
        _time = time;
    }

    public CostBucket Get(string shop, double capacity, double restoreRate) =>
        _buckets.GetOrAdd(shop, static (key, state) => new CostBucket(key, state.time, state.capacity, state.restoreRate), (time: _time, capacity, restoreRate));

    public IEnumerable<CostBucket> All => _buckets.Values;

    /// <summary>The ratio server-requested / locally-estimated cost last seen for an operation (1 when unknown).</summary>
    public double Correction(string shop, string operation) =>
        _costCorrections.TryGetValue(shop + "|" + operation, out var ratio) ? ratio : 1d;

    public void Correct(string shop, string operation, double estimated, double requestedByServer)
    {
        if (estimated > 0 && requestedByServer > 0)
        {
            _costCorrections[shop + "|" + operation] = requestedByServer / estimated;
        }
    }
}
