using System.Net.Http.Json;
using Connectors.Testing;
using Connectors.WooCommerce.Internal;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Connectors.Testing.WooCommerce;

namespace Connectors.WooCommerce.Tests;

/// <summary>Returns against the emulator: the scan's cost, the connector's own refunds, and paged refund lists (issue 18 items 4, 5, 7).</summary>
public sealed partial class WooCommerceChannelTests
{
    [Fact]
    public async Task ListReturnRequestsAsync_CallerCursorStuck_ScansOnlyWhatChangedSinceTheLastScan()
    {
        // Item 4: the engine's returns cursor moves only when a return is found, so without one it asks from its first
        // start (minus a day) on every pass. The channel must not re-list everything each time.
        var ct = TestContext.Current.CancellationToken;
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 2, 8, 0, 0, TimeSpan.Zero));
        await using var shop = await WooCommerceEmulator.StartAsync(time, ct);
        var p = shop.AddSimpleProduct("A", 1000);
        for (var i = 0; i < 20; i++)
        {
            shop.AddOrder("processing", [new() { ProductId = p, Quantity = 1, Price = 10m }]);
        }

        await using var sp = TestHost.Build(
            o =>
            {
                o.BaseUrl = shop.BaseUrl;
                o.ConsumerKey = shop.ConsumerKey;
                o.ConsumerSecret = shop.ConsumerSecret;
                o.PageSize = 5;
            },
            time);
        var channel = sp.Channel_();
        var since = time.GetUtcNow().AddDays(-1); // what the engine passes on every pass while no return is found
        time.Advance(TimeSpan.FromHours(1));

        Assert.Empty(await ToListAsync(channel.ListReturnRequestsAsync(since, ct)));
        var first = shop.RequestCount;
        time.Advance(TimeSpan.FromHours(1));
        var late = shop.AddOrder("processing", [new() { ProductId = p, Quantity = 1, Price = 10m }]);
        Assert.Empty(await ToListAsync(channel.ListReturnRequestsAsync(since, ct)));
        var second = shop.RequestCount - first;
        time.Advance(TimeSpan.FromHours(1));
        var refund = shop.AddRefund(late, shop.GetLineItemIds(late)[0], 1, "Damaged");
        var found = await ToListAsync(channel.ListReturnRequestsAsync(since, ct));
        var third = shop.RequestCount - first - second;

        Assert.Equal(4, first); // 20 orders, 5 a page
        Assert.Equal(1, second); // the one order modified since the first scan began (minus the overlap)
        Assert.Equal($"{late}/{refund}", Assert.Single(found).ReturnId);
        Assert.Equal(2, third); // that order again (now refunded) and its refunds
    }

    [Fact]
    public async Task ListReturnRequestsAsync_ConnectorsOwnReturnRefund_IsNotANewReturn()
    {
        // Item 5: the refund ConfirmReturnAsync writes ("... [connectors:return:RCPT-1]") came back as a new return.
        var ct = TestContext.Current.CancellationToken;
        await using var shop = await WooCommerceEmulator.StartAsync(cancellationToken: ct);
        var p = shop.AddSimpleProduct("A", 5);
        var order = shop.AddOrder("completed", [new() { ProductId = p, Quantity = 2, Price = 10m }]);
        var line = shop.GetLineItemIds(order)[0];
        await using var sp = Connect(shop);
        var since = DateTimeOffset.UtcNow.AddMinutes(-5);

        await sp.Channel_().ConfirmReturnAsync(new ReturnConfirmation($"{order}", [new ReturnLine($"{line}", 1)], restock: true, refund: true, "RCPT-1"), ct);
        var customer = shop.AddRefund(order, line, 1, "Customer changed mind");
        var returns = await ToListAsync(sp.Channel_().ListReturnRequestsAsync(since, ct));

        Assert.Equal(2, shop.GetRefundCount(order));
        Assert.Equal($"{order}/{customer}", Assert.Single(returns).ReturnId);
    }

    [Fact]
    public async Task ListReturnRequestsAsync_MoreRefundsThanOnePage_ReadsThemAll()
    {
        // Item 7: refunds were read without paging, so the shop's default of 10 hid the rest (X-WP-TotalPages: 2).
        var ct = TestContext.Current.CancellationToken;
        await using var shop = await WooCommerceEmulator.StartAsync(cancellationToken: ct);
        var p = shop.AddSimpleProduct("A", 100);
        var order = shop.AddOrder("processing", [new() { ProductId = p, Quantity = 20, Price = 10m }]);
        var line = shop.GetLineItemIds(order)[0];
        var refunds = Enumerable.Range(0, 12).Select(i => shop.AddRefund(order, line, 1, "r" + i)).ToList();
        await using var sp = Connect(shop, o => o.PageSize = 10);

        var returns = await ToListAsync(sp.Channel_().ListReturnRequestsAsync(DateTimeOffset.UtcNow.AddMinutes(-5), ct));

        Assert.Equal(refunds.Select(r => $"{order}/{r}").Order(), returns.Select(r => r.ReturnId).Order());
    }

    [Fact]
    public async Task ConfirmReturnAsync_OwnRefundOnAnOlderPage_IsFoundAndNotRefundedTwice()
    {
        // Item 7, the marker search: the connector's refund was made but its note was not (a crash between the two), and
        // ten newer refunds push it to the second page.
        var ct = TestContext.Current.CancellationToken;
        await using var shop = await WooCommerceEmulator.StartAsync(cancellationToken: ct);
        var p = shop.AddSimpleProduct("A", 100);
        var order = shop.AddOrder("processing", [new() { ProductId = p, Quantity = 20, Price = 10m }]);
        var line = shop.GetLineItemIds(order)[0];
        await using var sp = Connect(shop, o => o.PageSize = 10);
        var client = sp.GetRequiredService<IHttpClientFactory>().CreateClient(WooCommerceClient.HttpClientName(TestHost.Channel));
        using (var made = await client.PostAsJsonAsync(
            new Uri(shop.BaseUrl, $"orders/{order}/refunds"),
            new { amount = "10.00", reason = "Return received by the warehouse. [connectors:return:RMA-7]", line_items = new[] { new { id = line, quantity = 1, refund_total = "10.00" } } },
            ct))
        {
            made.EnsureSuccessStatusCode();
        }

        for (var i = 0; i < 10; i++)
        {
            shop.AddRefund(order, line, 1, "admin " + i);
        }

        await sp.Channel_().ConfirmReturnAsync(new ReturnConfirmation($"{order}", [new ReturnLine($"{line}", 1)], restock: false, refund: true, "RMA-7"), ct);

        Assert.Equal(11, shop.GetRefundCount(order));
        Assert.Single(shop.GetOrderNotes(order), n => n.Contains("[connectors:return:RMA-7]", StringComparison.Ordinal));
    }
}
