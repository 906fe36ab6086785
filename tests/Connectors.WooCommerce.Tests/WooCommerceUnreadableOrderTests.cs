using System.Text.Json.Nodes;
using Connectors.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace Connectors.WooCommerce.Tests;

/// <summary>
/// Issue 19 item 2: a page <c>[ok, "quantity":"2.5", ok]</c> used to make every poll throw at
/// <c>$[1].line_items[0].quantity</c>. The bad order is now dead-lettered with its payload and the rest goes on.
/// </summary>
public sealed class WooCommerceUnreadableOrderTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The recorded orders 124 and 125, 125 with a quantity WooCommerce plugins have been seen to send, and a later copy of 124 as 127.</summary>
    private static string PageWithOneBadOrder()
    {
        var recorded = JsonNode.Parse(Recorded.Text("orders_list_modified_after.json"))!.AsArray();
        var good = recorded[0]!;
        var bad = recorded[1]!.DeepClone();
        bad["line_items"]![0]!["quantity"] = "2.5";
        var later = good.DeepClone();
        later["id"] = 127;
        later["date_modified_gmt"] = "2026-11-27T02:35:00";
        return new JsonArray(good.DeepClone(), bad, later).ToJsonString();
    }

    private static WireMockServer ShopWithOnePage(string page)
    {
        var server = WireMockServer.Start(new WireMockServerSettings { Urls = ["http://127.0.0.1:0"] });
        server.Given(Request.Create().WithPath("/wp-json/wc/v3/orders").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200)
                .WithHeader("Content-Type", "application/json; charset=UTF-8")
                .WithHeader("X-WP-Total", "3")
                .WithHeader("X-WP-TotalPages", "1")
                .WithBody(page));
        return server;
    }

    [Fact]
    public async Task ListOrderEntriesAsync_OneOrderWithAFractionalQuantity_ReturnsItUnreadableWithPathAndPayloadBetweenTheOthers()
    {
        using var server = ShopWithOnePage(PageWithOneBadOrder());
        await using var sp = TestHost.Build(o => o.BaseUrl = new Uri(server.Url!));

        var entries = new List<OrderListingEntry>();
        await foreach (var entry in sp.Channel_().ListOrderEntriesAsync(DateTimeOffset.UnixEpoch, Ct))
        {
            entries.Add(entry);
        }

        Assert.Equal(3, entries.Count);
        Assert.Equal("124", entries[0].Order!.OrderId);
        Assert.Equal("127", entries[2].Order!.OrderId);
        Assert.Null(entries[1].Order);
        var unreadable = entries[1].Unreadable!;
        Assert.Equal("125", unreadable.OrderId);
        Assert.Equal("$.line_items[0].quantity", unreadable.JsonPath);
        Assert.Equal(new DateTimeOffset(2026, 11, 27, 2, 31, 48, TimeSpan.Zero), unreadable.UpdatedAt);
        Assert.Equal(125, JsonNode.Parse(unreadable.Payload)!["id"]!.GetValue<int>());
        Assert.Equal("2.5", JsonNode.Parse(unreadable.Payload)!["line_items"]![0]!["quantity"]!.GetValue<string>());
    }

    [Fact]
    public async Task PollAsync_PageWithOneUnreadableOrder_DeadLettersItWithItsPayloadAndReleasesTheOthers()
    {
        using var server = ShopWithOnePage(PageWithOneBadOrder());
        var warehouse = new FakeWarehouse();
        await using var sp = TestHost.Build(
            o => o.BaseUrl = new Uri(server.Url!),
            time: new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 0, 0, 0, TimeSpan.Zero)),
            more: services =>
            {
                services.AddSingleton<IWarehouseOrders>(warehouse);
                services.AddConnectors(o => o.Orders.AcknowledgeOrders = false);
            });
        var orders = sp.GetRequiredService<IOrderSync>();
        var store = sp.GetRequiredService<ISyncStateStore>();

        var poll = await orders.PollAsync(TestHost.Channel, Ct);
        await orders.ProcessInboxAsync(Ct);
        var again = await orders.PollAsync(TestHost.Channel, Ct);

        Assert.Equal(3, poll.Seen);
        Assert.Equal(2, poll.Enqueued);
        Assert.Equal(1, poll.DeadLettered);
        Assert.Equal(new DateTimeOffset(2026, 11, 27, 2, 35, 0, TimeSpan.Zero), poll.Cursor);
        Assert.Equal(["124", "127"], warehouse.Orders.Values.Select(o => o.ChannelOrderId).Order(StringComparer.Ordinal));
        var letter = Assert.Single(await store.ListDeadLettersAsync(TestHost.Channel, Ct).ToListAsync(Ct));
        Assert.Equal("unreadable-order", letter.Kind);
        Assert.Equal(nameof(UnreadableOrderException), letter.ErrorType);
        Assert.Contains("$.line_items[0].quantity", letter.Reason, StringComparison.Ordinal);
        Assert.Contains("125", letter.Reason, StringComparison.Ordinal);
        Assert.Equal("2.5", JsonNode.Parse(letter.Payload)!["line_items"]![0]!["quantity"]!.GetValue<string>());

        // The overlap window reads the same bad order again: still one dead letter.
        Assert.Equal(0, again.DeadLettered);
        Assert.Single(await store.ListDeadLettersAsync(TestHost.Channel, Ct).ToListAsync(Ct));
    }
}
