using System.Globalization;
using System.Text;
using System.Text.Json;
using Connectors.Shopify.Internal;
using Connectors.Shopify.Internal.Json;
using Connectors.Shopify.Tests.EndToEnd;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Connectors.Shopify.Tests.Internal;

/// <summary>
/// Waits for bucket room when several requests are in flight at once (issue 17, the order listing's further lines
/// read up to 4 at a time). A request needs its requested cost in the bucket before it runs, and the bucket keeps
/// only its actual cost (both reported in <c>extensions.cost</c>; shopify.dev, "GraphQL Admin API rate limits"), which
/// for an order's further lines is far below the requested. A request that started waiting while another held the
/// reservation of its requested cost slept the whole delay computed then, even after that answer had
/// given the room back: the Standard-plan benchmark lost 7.5 s to such waits with the concurrent reads.
/// </summary>
public sealed class BucketWaitTests
{
    private const double RestoreRate = 100;
    private const double Left = 50;

    [Fact]
    public async Task Send_WaitingForRoomAnotherRequestHolds_SentAsSoonAsItsAnswerGivesTheRoomBack()
    {
        var ct = TestContext.Current.CancellationToken;
        var time = new TimerWatchingTimeProvider(DateTimeOffset.Parse("2026-03-01T00:00:00Z", CultureInfo.InvariantCulture));
        var shop = new HeldAnswersShop();
        await using var services = ShopifyTestHost.Build(
            new Uri("http://127.0.0.1:9/"),
            time: time,
            after: s => s.AddHttpClient("Connectors.Shopify." + ShopifyTestHost.ChannelName).AddHttpMessageHandler(() => shop));
        var client = services.Channel().Client;
        var variables = new OrderLineItemsVariables("gid://shopify/Order/1", 150, null);
        var cost = QueryCostEstimator.Estimate(
            GraphDocuments.Get(GraphDocuments.OrderLineItems),
            JsonSerializer.SerializeToElement(variables, ShopifyJsonContext.Default.OrderLineItemsVariables));
        Assert.InRange(cost, 2 * Left, 1000);

        // First answer: the shop has room for one of these requests and 50 points more.
        shop.Answer(0, cost, currentlyAvailable: cost + Left);
        await Send(client, variables, ct);

        // A takes the room; B must wait (cost - 50) / 100 s for it, by the estimate that still holds A's reservation.
        var a = Send(client, variables, ct);
        await shop.Arrived(1).WaitAsync(TimeSpan.FromSeconds(30), ct);
        var expectedWait = TimeSpan.FromSeconds((cost - Left) / RestoreRate);
        time.Watch(expectedWait);
        var b = Send(client, variables, ct);
        await time.Created.WaitAsync(TimeSpan.FromSeconds(30), ct);

        // A's answer: the shop charged 10 of its requested points and refunded the rest, so B fits now, as it would
        // have had it been sent after A instead of beside it. Nobody moves the fake clock.
        shop.Answer(1, cost, currentlyAvailable: cost + Left - 10);
        shop.Answer(2, cost, currentlyAvailable: Left);
        await a;
        var sent = await Task.WhenAny(shop.Arrived(2), Task.Delay(TimeSpan.FromSeconds(10), ct));
        Assert.True(
            sent == shop.Arrived(2),
            $"B was not sent within 10 s of real time after A's answer returned {cost - 10:F0} points with the fake clock standing still: " +
            $"it slept the {expectedWait.TotalSeconds:F1} s computed while A held its reservation.");
        await b;
        Assert.Equal(0, client.ThrottledCount);
    }

    private static Task Send(ShopifyGraphClient client, OrderLineItemsVariables variables, CancellationToken ct) =>
        client.SendAsync(GraphDocuments.OrderLineItems, variables, ShopifyJsonContext.Default.OrderLineItemsVariables, ShopifyJsonContext.Default.GraphResponseOrderLineItemsData, ct);

    /// <summary>A shop that answers each request (by arrival order) when the test says so.</summary>
    private sealed class HeldAnswersShop : DelegatingHandler
    {
        private readonly Lock _gate = new();
        private readonly List<TaskCompletionSource> _arrived = [];
        private readonly List<TaskCompletionSource<string>> _answers = [];
        private int _count;

        public Task Arrived(int index) => Slot(_arrived, index).Task;

        public void Answer(int index, double requested, double currentlyAvailable) => Slot(_answers, index).TrySetResult(
            """{"data":{"order":{"lineItems":{"nodes":[],"pageInfo":{"hasNextPage":false,"endCursor":null}}}},"extensions":{"cost":{"requestedQueryCost":"""
            + Math.Ceiling(requested).ToString(CultureInfo.InvariantCulture)
            + ""","actualQueryCost":10,"throttleStatus":{"maximumAvailable":2000.0,"currentlyAvailable":"""
            + Math.Floor(currentlyAvailable).ToString(CultureInfo.InvariantCulture)
            + ""","restoreRate":""" + RestoreRate.ToString(CultureInfo.InvariantCulture) + "}}}}");

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var index = Interlocked.Increment(ref _count) - 1;
            Slot(_arrived, index).TrySetResult();
            var body = await Slot(_answers, index).Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            return new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        }

        private TaskCompletionSource<TResult> Slot<TResult>(List<TaskCompletionSource<TResult>> slots, int index)
        {
            lock (_gate)
            {
                while (slots.Count <= index)
                {
                    slots.Add(new TaskCompletionSource<TResult>(TaskCreationOptions.RunContinuationsAsynchronously));
                }

                return slots[index];
            }
        }

        private TaskCompletionSource Slot(List<TaskCompletionSource> slots, int index)
        {
            lock (_gate)
            {
                while (slots.Count <= index)
                {
                    slots.Add(new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
                }

                return slots[index];
            }
        }
    }

    /// <summary>A fake clock that reports when a timer of about the watched due time is created (the client's wait for room).</summary>
    private sealed class TimerWatchingTimeProvider(DateTimeOffset start) : FakeTimeProvider(start)
    {
        private readonly TaskCompletionSource _created = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private long _watchedTicks = long.MinValue / 2;

        public Task Created => _created.Task;

        public void Watch(TimeSpan dueTime) => Volatile.Write(ref _watchedTicks, dueTime.Ticks);

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            if ((dueTime - TimeSpan.FromTicks(Volatile.Read(ref _watchedTicks))).Duration() < TimeSpan.FromMilliseconds(50))
            {
                _created.TrySetResult();
            }

            return base.CreateTimer(callback, state, dueTime, period);
        }
    }
}
