namespace Connectors.Inventory.Internal;

/// <summary>
/// How often each row's desired level changes, estimated from <see cref="InventoryRow.Version"/> (which grows by one per
/// change) between the dispatch passes that see the row. Kept in memory per engine: it only ranks rows under a quota, so
/// an estimate lost to a restart (or not shared between hosts) costs ranking quality for a while, never correctness.
/// </summary>
internal sealed class ChangeRates
{
    /// <summary>
    /// The prior: one change per hour until the row's own history says otherwise, so a row seen once is taken neither
    /// for a bestseller nor for a shelf-warmer.
    /// </summary>
    internal static readonly TimeSpan PriorSpan = TimeSpan.FromHours(1);

    /// <summary>An anchor older than this is moved forward (keeping half its history), so the estimate follows a change of pace.</summary>
    internal static readonly TimeSpan Horizon = TimeSpan.FromHours(24);

    private readonly Lock _gate = new();
    private readonly Dictionary<InventoryKey, Anchor> _anchors = [];
    private DateTimeOffset _prunedAt = DateTimeOffset.MinValue;

    /// <summary>Changes per hour of each row, observing the rows' versions at <paramref name="now"/>.</summary>
    public double[] Observe(IReadOnlyList<InventoryRow> rows, DateTimeOffset now)
    {
        var rates = new double[rows.Count];
        lock (_gate)
        {
            for (var i = 0; i < rows.Count; i++)
            {
                var row = rows[i];
                if (!_anchors.TryGetValue(row.Key, out var anchor) || row.Version < anchor.Version || now < anchor.At)
                {
                    // First sight, or versions that went back (a restored store): the prior alone.
                    anchor = new Anchor(row.Version, now, now, 0, TimeSpan.Zero);
                }

                var changes = anchor.PastChanges + (row.Version - anchor.Version);
                var span = anchor.PastSpan + (now - anchor.At);
                rates[i] = (changes + 1) / (span + PriorSpan).TotalHours;
                _anchors[row.Key] = now - anchor.At > Horizon
                    ? new Anchor(row.Version, now, now, changes / 2, span / 2)
                    : anchor with { SeenAt = now };
            }

            if (now - _prunedAt > Horizon)
            {
                // Rows not pending for two horizons have no useful history left; dropping them bounds the map.
                _prunedAt = now;
                foreach (var (key, anchor) in _anchors)
                {
                    if (now - anchor.SeenAt > 2 * Horizon)
                    {
                        _anchors.Remove(key);
                    }
                }
            }
        }

        return rates;
    }

    private readonly record struct Anchor(long Version, DateTimeOffset At, DateTimeOffset SeenAt, double PastChanges, TimeSpan PastSpan);
}
