using Connectors.Inventory.Internal;

namespace Connectors.Tests.Inventory;

/// <summary>The per-row change-rate estimate the quota ranking uses: the prior, the row's own history, and a reset.</summary>
public sealed class ChangeRatesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static InventoryRow Row(string item, long version) => new()
    {
        Key = new InventoryKey("a", item, "L1"),
        Desired = 1,
        Version = version,
        Attempts = 0,
        NextAttemptAt = T0,
        UpdatedAt = T0,
    };

    [Fact]
    public void Observe_FirstSightThenHistory_PriorThenChangesOverTime()
    {
        var rates = new ChangeRates();

        var first = rates.Observe([Row("fast", 1), Row("slow", 1)], T0);
        var later = rates.Observe([Row("fast", 61), Row("slow", 2)], T0.AddHours(1));

        // First sight: the prior alone, one change an hour. An hour later: (changes + 1) / (hours + 1).
        Assert.Equal([1d, 1d], first);
        Assert.Equal([61 / 2d, 2 / 2d], later);
    }

    [Fact]
    public void Observe_VersionWentBack_StartsAgainFromThePrior()
    {
        var rates = new ChangeRates();
        rates.Observe([Row("x", 50)], T0);

        var restored = rates.Observe([Row("x", 3)], T0.AddHours(1));

        Assert.Equal([1d], restored);
    }

    [Fact]
    public void Observe_PastTheHorizon_KeepsHalfTheHistory()
    {
        var rates = new ChangeRates();
        rates.Observe([Row("x", 1)], T0);
        rates.Observe([Row("x", 49)], T0.AddHours(25)); // 48 changes in 25 h; the anchor moves, keeping 24 in 12.5 h

        var next = rates.Observe([Row("x", 49)], T0.AddHours(26.5));

        Assert.Equal((24 + 1) / (12.5 + 1.5 + 1), next[0], 9);
    }
}
