using Connectors.Shopify.Internal;
using Connectors.Shopify.Tests.EndToEnd;
using Connectors.Shopify.Tests.Internal;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Shopify.Tests.Channel;

/// <summary>
/// Issue 19 item 2 for Shopify: one order of a poll page that cannot be read becomes a dead letter with its payload, and
/// the rest of the page, the next page and the cursor go on. Before, the page was read as a whole and the poll threw
/// at the bad order on every pass.
/// </summary>
public sealed partial class ShopifyChannelTests
{
    // Int! in the schema; a proxy or an app rewriting payloads may send anything.
    private static string BadQuantityOrder(long id, string updatedAt) =>
        Order(id, updatedAt, Page(false, null, LineItem(id * 10, "A", 1).Replace("\"quantity\":1", "\"quantity\":\"2.5\"", StringComparison.Ordinal)));

    private static string NoCurrencyOrder(long id, string updatedAt) =>
        Order(id, updatedAt, Page(false, null, LineItem(id * 10, "A", 1))).Replace("\"currencyCode\":\"EUR\",", string.Empty, StringComparison.Ordinal);

    [Fact]
    public async Task ListOrderEntries_PageWithUnreadableOrders_HandsThemOverWithPayloadAndPathAndReadsTheRest()
    {
        var ct = TestContext.Current.CancellationToken;
        _server.Respond(GraphDocuments.Orders, """{"orders":""" + Page(true, "p1",
            Order(1, "2026-03-01T09:00:00Z", Page(false, null, LineItem(10, "A", 1))),
            BadQuantityOrder(2, "2026-03-01T09:10:00Z"),
            NoCurrencyOrder(3, "2026-03-01T09:20:00Z")) + "}", "\"after\":null");
        _server.Respond(GraphDocuments.Orders, """{"orders":""" + Page(false, null, Order(4, "2026-03-01T09:30:00Z", Page(false, null, LineItem(40, "B", 2)))) + "}", "\"after\":\"p1\"");
        await using var services = Build();
        var channel = (IOrderListingChannel)services.GetRequiredService<IChannelRegistry>().GetChannel(ShopifyTestHost.ChannelName);

        var entries = await channel.ListOrderEntriesAsync(DateTimeOffset.Parse("2026-03-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture), ct).ToListAsync(ct);

        Assert.Equal(["gid://shopify/Order/1", null, null, "gid://shopify/Order/4"], entries.Select(e => e.Order?.OrderId));
        var badQuantity = entries[1].Unreadable!;
        Assert.Equal("gid://shopify/Order/2", badQuantity.OrderId);
        Assert.Equal("$.lineItems.nodes[0].quantity", badQuantity.JsonPath);
        Assert.Contains("\"quantity\":\"2.5\"", badQuantity.Payload, StringComparison.Ordinal);
        Assert.Equal(DateTimeOffset.Parse("2026-03-01T09:10:00Z", System.Globalization.CultureInfo.InvariantCulture), badQuantity.UpdatedAt);
        var noCurrency = entries[2].Unreadable!;
        Assert.Equal("gid://shopify/Order/3", noCurrency.OrderId);
        Assert.Equal("$.currencyCode", noCurrency.JsonPath);
        Assert.Contains("is missing", noCurrency.Reason, StringComparison.Ordinal);

        // The plain listing still refuses to skip silently: it names the order and the path.
        var ex = await Assert.ThrowsAsync<UnreadableOrderException>(async () => await services.Channel().ListOrdersAsync(DateTimeOffset.UnixEpoch, ct).ToListAsync(ct));
        Assert.Equal("$.lineItems.nodes[0].quantity", ex.FieldPath);
    }

    [Fact]
    public async Task Poll_PageWithAnUnreadableOrder_DeadLettersItWithItsPayloadAndEnqueuesTheRestAndMovesTheCursor()
    {
        var ct = TestContext.Current.CancellationToken;
        _server.Respond(GraphDocuments.Orders, """{"orders":""" + Page(false, null,
            Order(1, "2026-03-01T09:00:00Z", Page(false, null, LineItem(10, "A", 1))),
            BadQuantityOrder(2, "2026-03-01T09:10:00Z"),
            Order(3, "2026-03-01T09:05:00Z", Page(false, null, LineItem(30, "C", 1)))) + "}");
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.Parse("2026-03-01T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        await using var services = ShopifyTestHost.Build(_server.Address(), time: time);
        var orders = services.GetRequiredService<IOrderSync>();

        var poll = await orders.PollAsync(ShopifyTestHost.ChannelName, ct);

        Assert.Equal((3, 2, 1), (poll.Seen, poll.Enqueued, poll.DeadLettered));
        Assert.Equal(DateTimeOffset.Parse("2026-03-01T09:10:00Z", System.Globalization.CultureInfo.InvariantCulture), poll.Cursor);
        var letter = Assert.Single(await services.GetRequiredService<IDeadLetters>().ListAsync(ShopifyTestHost.ChannelName, ConnectorFlows.Orders, ct).ToListAsync(ct));
        Assert.Equal(nameof(UnreadableOrderException), letter.ErrorType);
        Assert.Contains("\"quantity\":\"2.5\"", letter.Payload, StringComparison.Ordinal);
        Assert.Contains("gid://shopify/Order/2", letter.Reason, StringComparison.Ordinal);
        Assert.Contains("$.lineItems.nodes[0].quantity", letter.Reason, StringComparison.Ordinal);
    }
}
