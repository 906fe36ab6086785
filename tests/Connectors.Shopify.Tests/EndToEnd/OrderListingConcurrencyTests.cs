using System.Globalization;
using Connectors.Shopify.Internal;
using Connectors.Testing.Shopify;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Shopify.Tests.EndToEnd;

/// <summary>
/// Orders per minute against a plan's ceiling (issue 17, evidence): the listing read each large order's further lines
/// one order after another, a round trip each, so a page of large orders at a Plus shop's restore rate was bound by
/// latency, not by the bucket (tests/Connectors.Benchmarks, <c>ShopifyOrderThroughputBenchmarks</c>).
/// </summary>
public sealed class OrderListingConcurrencyTests
{
    [Fact]
    public async Task ListOrders_PageOfLargeOrders_FurtherLinesOfThePageReadConcurrentlyAndYieldedInOrder()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var emulator = await ShopifyEmulator.StartAsync(new ShopifyEmulatorOptions().UsePlan(ShopifyEmulatorPlan.Plus), ct);
        var counter = new InFlightCounter();
        await using var services = ShopifyTestHost.Build(
            emulator.BaseAddress,
            configure: o => o.OrderLinesPageSize = 5,
            after: s => s.AddHttpClient("Connectors.Shopify." + ShopifyTestHost.ChannelName).AddHttpMessageHandler(() => new CountingHandler(counter)));
        var location = emulator.AddLocation("Main");
        var skus = Enumerable.Range(0, 12).Select(i => emulator.AddVariant("SKU-" + i.ToString("D2", CultureInfo.InvariantCulture), 5, location).Sku).ToArray();
        var created = new List<string>();
        for (var o = 0; o < 6; o++)
        {
            created.Add(await emulator.CreateOrderAsync([.. skus.Select((sku, i) => new ShopifyEmulatorLine { Sku = sku, Quantity = 1 + ((i + o) % 3), UnitPrice = 2m })], cancellationToken: ct));
        }

        // Every answer takes 100 ms, so reads that are sent together are in flight together.
        emulator.Options.Latency = TimeSpan.FromMilliseconds(100);
        var orders = await services.Channel().ListOrdersAsync(DateTimeOffset.UtcNow.AddHours(-1), ct).ToListAsync(ct);

        Assert.Equal(created, orders.Select(o => o.OrderId));
        Assert.All(orders, o => Assert.Equal(skus, o.Lines.Select(l => l.Sku)));
        Assert.Equal(
            Enumerable.Range(0, 6).SelectMany(o => Enumerable.Range(0, 12).Select(i => 1 + ((i + o) % 3))),
            orders.SelectMany(o => o.Lines.Select(l => l.Quantity)));
        Assert.Equal(6, emulator.Requests.Count(r => r.OperationName == GraphDocuments.OrderLineItems));

        // One order after another, never more than one request was in flight.
        Assert.InRange(counter.Max, 2, ShopifyChannel.ConcurrentLineReads);
        Assert.Equal(0, emulator.ThrottledResponses);
    }

    private sealed class InFlightCounter
    {
        private int _now;
        private int _max;

        public int Max => Volatile.Read(ref _max);

        public void Enter()
        {
            var now = Interlocked.Increment(ref _now);
            int max;
            while (now > (max = Volatile.Read(ref _max)) && Interlocked.CompareExchange(ref _max, now, max) != max)
            {
            }
        }

        public void Leave() => Interlocked.Decrement(ref _now);
    }

    private sealed class CountingHandler(InFlightCounter counter) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            counter.Enter();
            try
            {
                return await base.SendAsync(request, cancellationToken);
            }
            finally
            {
                counter.Leave();
            }
        }
    }
}
