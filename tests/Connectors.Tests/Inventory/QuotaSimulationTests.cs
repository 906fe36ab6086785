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
    private const int EventsPerMinute = 30;
    private const int Seed = 20_261_203;

    [Fact]
    public async Task DayOfEvents_QuotaCovers20PercentOfNaivePushes_RiskOrderedExposureUnder15PercentOfFifo()
    {
        var (initial, events) = Generate(Seed);
        var budget = events.Count / 5;

        var fifo = await RunAsync(QuotaSpendingOrder.FirstInFirstOut, initial, events, budget);
        var risk = await RunAsync(QuotaSpendingOrder.RiskFirst, initial, events, budget);

        var ratio = (double)risk.Exposure / fifo.Exposure;
        output.WriteLine(
            $"events (naive pushes) {events.Count}, budget {budget} calls/day; FIFO: exposure {fifo.Exposure} unit-minutes, {fifo.Calls} calls, " +
            $"budget spent at minute {fifo.SpentAt}; risk-ordered: exposure {risk.Exposure} unit-minutes, {risk.Calls} calls; ratio {ratio:P1}");
        Assert.True(fifo.Calls <= budget && risk.Calls <= budget, $"calls {fifo.Calls} / {risk.Calls} exceed the budget {budget}");
        // Issue 20's goal is 10 %; this stream measures 10.5 % with the default settings (docs/performance.md), so the
        // bound guards what is reached.
        Assert.True(ratio <= 0.15, $"risk-ordered exposure {risk.Exposure} is {ratio:P1} of FIFO's {fifo.Exposure}, above 15 %");
    }

    /// <summary>
    /// Initial levels 0..20 per item; each minute 30 events on items drawn by a Zipf law (s = 1: a few items sell
    /// often, most rarely); 90 % are sales of 1 or 2 units (skipped on an item at zero), 10 % restocks of 5..30 units.
    /// </summary>
    private static (int[] Initial, List<(int Minute, int Item, int Level)> Events) Generate(int seed)
    {
        var random = new Random(seed);
        var initial = new int[Items];
        for (var i = 0; i < Items; i++)
        {
            initial[i] = random.Next(0, 21);
        }

        // The popularity rank is shuffled against the item number, so item ids say nothing of popularity.
        var rank = Enumerable.Range(0, Items).OrderBy(_ => random.Next()).ToArray();
        var cumulative = new double[Items];
        var sum = 0d;
        for (var i = 0; i < Items; i++)
        {
            sum += 1d / (i + 1);
            cumulative[i] = sum;
        }

        var level = (int[])initial.Clone();
        var events = new List<(int, int, int)>();
        for (var minute = 0; minute < Minutes; minute++)
        {
            for (var n = 0; n < EventsPerMinute; n++)
            {
                var at = Array.BinarySearch(cumulative, random.NextDouble() * sum);
                var item = rank[at < 0 ? ~at : at];
                if (random.NextDouble() < 0.9)
                {
                    var units = random.Next(1, 3);
                    if (level[item] == 0)
                    {
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

        return (initial, events);
    }

    private static async Task<(long Exposure, int Calls, int SpentAt)> RunAsync(
        QuotaSpendingOrder order, int[] initial, List<(int Minute, int Item, int Level)> events, int callsPerDay)
    {
        var channel = new FakeChannel("store-a", new ChannelCapabilities(1)) { Quota = new ChannelQuota { CallsPerDay = callsPerDay } };
        using var harness = InventoryHarness.Create(
            o => o.Inventory.Channels["store-a"] = new ChannelInventoryOptions { QuotaOrder = order },
            time: new FakeTimeProvider(ModelFactory.Epoch.AddMinutes(-1)),
            channels: channel);
        channel.QuotaClock = harness.Time;
        var shown = new int[Items];
        channel.BeforePush = (targets, _) =>
        {
            foreach (var target in targets)
            {
                shown[int.Parse(target.ChannelItemId.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture)] = target.Quantity;
            }

            return Task.CompletedTask;
        };

        // The day before: every item shown at its level (the previous window's budget covers it).
        await harness.RecordAsync([.. initial.Select((q, i) => new StockLevel(Sku(i), "wh1", q))]);
        await harness.DispatchAsync(channel);
        Assert.Equal(initial, shown);

        var available = (int[])initial.Clone();
        var exposure = 0L;
        var spentAt = -1;
        var next = 0;
        var changed = new Dictionary<int, int>();
        for (var minute = 0; minute < Minutes; minute++)
        {
            harness.Time.SetUtcNow(ModelFactory.Epoch.AddMinutes(minute));
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
            }

            if (spentAt < 0 && channel.CallsInWindow(harness.Time.GetUtcNow()) >= callsPerDay)
            {
                spentAt = minute;
            }
        }

        Assert.Equal(0, channel.QuotaRefusals);
        return (exposure, channel.CallsInWindow(ModelFactory.Epoch), spentAt);
    }

    private static string Sku(int item) => $"S{item:D4}";
}
