using Connectors.Inventory;
using Connectors.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Connectors.Tests.Inventory;

/// <summary>
/// A day of stock events over 5,000 items on a channel whose daily call budget covers 20 % of the naive pushes (one per
/// event), dispatched first-in-first-out and by risk in the same run, on the fake clock. Measures the oversell exposure:
/// the sum over the day's minutes of the units the channel shows above what is available to sell. Deterministic: a
/// seeded event stream, the fake clock, no timing.
/// </summary>
public sealed class QuotaSimulationTests(ITestOutputHelper output)
{
    private const int Items = 5_000;
    private const int Minutes = 24 * 60;

    /// <summary>The stream docs/performance.md reports first: Zipf s = 1, initial levels 0..20, restocks 10 %.</summary>
    private static readonly Shape Default = new() { Seed = 20_261_203 };

    /// <summary>
    /// Streams the policy was not tuned on, with the bound each is held to: another seed, steep popularity with low stock
    /// and more restocks (levels drift up, so more increases compete for the budget) meet the 10 %; flat
    /// popularity with higher stock does not (about 31 %, docs/performance.md: the budget is spread over too many slowly
    /// growing gaps for any order to clear), so its bound only guards against a regression.
    /// </summary>
    public static TheoryData<string, double> OtherShapes => new()
    {
        { "seed-2", 0.10 },
        { "steep", 0.10 },
        { "restocks", 0.10 },
        { "flat", 0.35 },
    };

    private static Shape ShapeNamed(string name) => name switch
    {
        "seed-2" => Default with { Seed = 7 },
        "flat" => Default with { Seed = 11, Zipf = 0.6, InitialMax = 40 },
        "steep" => Default with { Seed = 13, Zipf = 1.3, InitialMax = 10 },
        "restocks" => Default with { Seed = 17, RestockShare = 0.2 },
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "unknown shape"),
    };

    [Fact]
    public async Task DayOfEvents_QuotaCovers20PercentOfNaivePushes_RiskOrderedExposureAtMost10PercentOfFifo()
    {
        var ratio = await CompareAsync(Default);
        Assert.True(ratio <= 0.10, $"risk-ordered exposure is {ratio:P1} of FIFO's, above the issue's 10 %");
    }

    /// <summary>
    /// The same comparison on streams of other shapes, so the policy is not fitted to one stream (docs/performance.md
    /// gives the figures).
    /// </summary>
    [Theory]
    [MemberData(nameof(OtherShapes))]
    public async Task DayOfEvents_OtherStreamShapes_RiskOrderedExposureWithinTheShapesBound(string shape, double bound)
    {
        var ratio = await CompareAsync(ShapeNamed(shape));
        Assert.True(ratio <= bound, $"risk-ordered exposure is {ratio:P1} of FIFO's on the '{shape}' stream, above {bound:P0}");
    }

    private async Task<double> CompareAsync(Shape shape)
    {
        var (initial, events, unmet) = Generate(shape);
        var budget = events.Count / 5;

        var fifo = await RunAsync(QuotaSpendingOrder.FirstInFirstOut, initial, events, unmet, budget);
        var risk = await RunAsync(QuotaSpendingOrder.RiskFirst, initial, events, unmet, budget);

        var ratio = (double)risk.Exposure / fifo.Exposure;
        output.WriteLine($"{shape}: events (naive pushes) {events.Count}, budget {budget} calls/day");
        output.WriteLine($"FIFO: {fifo}");
        output.WriteLine($"risk-ordered: {risk}");
        output.WriteLine($"exposure ratio {ratio:P1}");
        Assert.True(fifo.Calls <= budget && risk.Calls <= budget, $"calls {fifo.Calls} / {risk.Calls} exceed the budget {budget}");
        return ratio;
    }

    /// <summary>One stream's parameters.</summary>
    private sealed record Shape
    {
        public required int Seed { get; init; }

        /// <summary>The Zipf exponent of item popularity: higher means a few items take more of the events.</summary>
        public double Zipf { get; init; } = 1;

        /// <summary>Initial levels are drawn from 0 to this.</summary>
        public int InitialMax { get; init; } = 20;

        /// <summary>The share of events that are restocks of 5..30 units; the rest are sales of 1 or 2.</summary>
        public double RestockShare { get; init; } = 0.1;

        public int EventsPerMinute { get; init; } = 30;

        public override string ToString() =>
            $"seed {Seed}, Zipf s = {Zipf}, initial 0..{InitialMax}, restocks {RestockShare:P0}, {EventsPerMinute} events/minute";
    }

    /// <summary>What one dispatch order did over the day.</summary>
    private sealed record Outcome
    {
        /// <summary>Unit-minutes shown above available to sell (the oversell exposure).</summary>
        public required long Exposure { get; init; }

        /// <summary>Unit-minutes shown below available (sales the channel cannot take: what starving increases costs).</summary>
        public required long Undershown { get; init; }

        /// <summary>Sales the WMS could not fill (item at zero) while the channel still showed stock: orders oversold.</summary>
        public required int Oversold { get; init; }

        public required int Calls { get; init; }

        public required int SpentAt { get; init; }

        public required int ToZero { get; init; }

        public required int Decreases { get; init; }

        public required int Increases { get; init; }

        public override string ToString() =>
            $"exposure {Exposure} unit-minutes, undershown {Undershown} unit-minutes, oversold sales {Oversold}, {Calls} calls " +
            $"({ToZero} to zero, {Decreases} other decreases, {Increases} increases), budget spent at minute {SpentAt}";
    }

    /// <summary>
    /// Initial levels 0..InitialMax per item; each minute EventsPerMinute events on items drawn by a Zipf law (a few
    /// items sell often, most rarely); sales of 1 or 2 units (on an item at zero: not filled, recorded as unmet demand),
    /// restocks of 5..30 units.
    /// </summary>
    private static (int[] Initial, List<(int Minute, int Item, int Level)> Events, List<(int Minute, int Item)> Unmet) Generate(Shape shape)
    {
        var random = new Random(shape.Seed);
        var initial = new int[Items];
        for (var i = 0; i < Items; i++)
        {
            initial[i] = random.Next(0, shape.InitialMax + 1);
        }

        // The popularity rank is shuffled against the item number, so item ids say nothing of popularity.
        var rank = Enumerable.Range(0, Items).OrderBy(_ => random.Next()).ToArray();
        var cumulative = new double[Items];
        var sum = 0d;
        for (var i = 0; i < Items; i++)
        {
            sum += 1d / Math.Pow(i + 1, shape.Zipf);
            cumulative[i] = sum;
        }

        var level = (int[])initial.Clone();
        var events = new List<(int, int, int)>();
        var unmet = new List<(int, int)>();
        for (var minute = 0; minute < Minutes; minute++)
        {
            for (var n = 0; n < shape.EventsPerMinute; n++)
            {
                var at = Array.BinarySearch(cumulative, random.NextDouble() * sum);
                var item = rank[at < 0 ? ~at : at];
                if (random.NextDouble() < 1 - shape.RestockShare)
                {
                    var units = random.Next(1, 3);
                    if (level[item] == 0)
                    {
                        unmet.Add((minute, item));
                        continue;
                    }

                    level[item] = Math.Max(0, level[item] - units);
                }
                else
                {
                    level[item] += random.Next(5, 31);
                }

                events.Add((minute, item, level[item]));
            }
        }

        return (initial, events, unmet);
    }

    private static async Task<Outcome> RunAsync(
        QuotaSpendingOrder order, int[] initial, List<(int Minute, int Item, int Level)> events, List<(int Minute, int Item)> unmet, int callsPerDay)
    {
        var channel = new FakeChannel("store-a", new ChannelCapabilities(1)) { Quota = new ChannelQuota { CallsPerDay = callsPerDay } };
        using var harness = InventoryHarness.Create(
            o => o.Inventory.Channels["store-a"] = new ChannelInventoryOptions { QuotaOrder = order },
            time: new FakeTimeProvider(ModelFactory.Epoch.AddMinutes(-1)),
            channels: channel);
        channel.QuotaClock = harness.Time;
        var shown = new int[Items];
        int toZero = 0, decreases = 0, increases = 0;
        var counting = false;
        channel.BeforePush = (targets, _) =>
        {
            foreach (var target in targets)
            {
                var item = int.Parse(target.ChannelItemId.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture);
                if (counting)
                {
                    if (target.Quantity == 0)
                    {
                        toZero++;
                    }
                    else if (target.Quantity < shown[item])
                    {
                        decreases++;
                    }
                    else
                    {
                        increases++;
                    }
                }

                shown[item] = target.Quantity;
            }

            return Task.CompletedTask;
        };

        // The day before: every item shown at its level (the previous window's budget covers it).
        await harness.RecordAsync([.. initial.Select((q, i) => new StockLevel(Sku(i), "wh1", q))]);
        await harness.DispatchAsync(channel);
        Assert.Equal(initial, shown);
        counting = true;

        var available = (int[])initial.Clone();
        var exposure = 0L;
        var undershown = 0L;
        var oversold = 0;
        var spentAt = -1;
        var next = 0;
        var nextUnmet = 0;
        var changed = new Dictionary<int, int>();
        for (var minute = 0; minute < Minutes; minute++)
        {
            harness.Time.SetUtcNow(ModelFactory.Epoch.AddMinutes(minute));
            for (; nextUnmet < unmet.Count && unmet[nextUnmet].Minute == minute; nextUnmet++)
            {
                // Demand for an item the WMS has none of, while the channel shows some: an order the seller cannot fill.
                oversold += shown[unmet[nextUnmet].Item] > 0 ? 1 : 0;
            }

            changed.Clear();
            for (; next < events.Count && events[next].Minute == minute; next++)
            {
                available[events[next].Item] = events[next].Level;
                changed[events[next].Item] = events[next].Level;
            }

            if (changed.Count > 0)
            {
                await harness.RecordAsync([.. changed.Select(c => new StockLevel(Sku(c.Key), "wh1", c.Value))]);
            }

            await harness.DispatchAsync(channel);
            for (var i = 0; i < Items; i++)
            {
                exposure += Math.Max(0, shown[i] - available[i]);
                undershown += Math.Max(0, available[i] - shown[i]);
            }

            if (spentAt < 0 && channel.CallsInWindow(harness.Time.GetUtcNow()) >= callsPerDay)
            {
                spentAt = minute;
            }
        }

        Assert.Equal(0, channel.QuotaRefusals);
        return new Outcome
        {
            Exposure = exposure,
            Undershown = undershown,
            Oversold = oversold,
            Calls = channel.CallsInWindow(ModelFactory.Epoch),
            SpentAt = spentAt,
            ToZero = toZero,
            Decreases = decreases,
            Increases = increases,
        };
    }

    private static string Sku(int item) => $"S{item:D4}";
}
