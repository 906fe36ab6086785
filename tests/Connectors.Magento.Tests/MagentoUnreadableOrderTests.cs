using System.Globalization;
using System.Text.Json.Nodes;
using Connectors.Testing;
using Connectors.Testing.Magento;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Connectors.Magento.Tests;

/// <summary>
/// Issue 19 item 2 for Magento: one order the connector cannot read on a poll page used to make every poll throw, so no
/// order of that page or after it reached the WMS. The bad order is now dead-lettered with its payload and the rest goes on.
/// </summary>
public sealed class MagentoUnreadableOrderTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 2, 12, 0, 0, TimeSpan.Zero));
    private MagentoEmulator _emulator = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _emulator = await MagentoEmulator.StartAsync(_time, Ct);
        _emulator.AddProduct("A");
        _emulator.AddProduct("B");
    }

    public async ValueTask DisposeAsync() => await _emulator.DisposeAsync();

    /// <summary>Three orders a minute apart; the middle one edited as <paramref name="edit"/> says.</summary>
    private (long First, long Bad, long Last, DateTimeOffset BadUpdated, DateTimeOffset LastUpdated) ThreeOrders(Action<JsonObject> edit)
    {
        var first = _emulator.PlaceOrder([MagentoEmulatorLine.Simple("A", 1)]);
        _time.Advance(TimeSpan.FromMinutes(1));
        var badUpdated = _time.GetUtcNow();
        var bad = _emulator.PlaceOrder([MagentoEmulatorLine.Simple("B", 2), MagentoEmulatorLine.Simple("A", 1)]);
        _emulator.EditOrderJson(bad, edit);
        _time.Advance(TimeSpan.FromMinutes(1));
        var lastUpdated = _time.GetUtcNow();
        var last = _emulator.PlaceOrder([MagentoEmulatorLine.Simple("B", 1)]);
        _time.Advance(TimeSpan.FromMinutes(1));
        return (first, bad, last, badUpdated, lastUpdated);
    }

    [Fact]
    public async Task PollAsync_PageWithAFractionalQuantityBetweenTwoGoodOrders_DeadLettersItWithPayloadAndPathAndReleasesTheOthers()
    {
        // qty_ordered is a float in Magento's schema and a product with is_qty_decimal can be ordered by 2.5; REST renders
        // some numbers as strings. The WMS takes whole units only.
        var (first, bad, last, _, lastUpdated) = ThreeOrders(o => o["items"]![0]!["qty_ordered"] = "2.5");
        var warehouse = new FakeWarehouse();
        // PageSize 3: the three orders on one page, and a second (empty) page asked for after it.
        await using var provider = TestHost.ForEngine(_emulator, _time, warehouse, WmsPorts.Orders, o => o.PageSize = 3);
        var orders = provider.GetRequiredService<IOrderSync>();
        var store = provider.GetRequiredService<ISyncStateStore>();

        var poll = await orders.PollAsync(TestHost.Channel, Ct);
        await orders.ProcessInboxAsync(Ct);
        var again = await orders.PollAsync(TestHost.Channel, Ct);

        Assert.Equal(3, poll.Seen);
        Assert.Equal(2, poll.Enqueued);
        Assert.Equal(1, poll.DeadLettered);
        Assert.Equal(lastUpdated, poll.Cursor);
        Assert.Equal([Id(first), Id(last)], warehouse.Orders.Values.Select(o => o.ChannelOrderId).Order(StringComparer.Ordinal));
        var letter = Assert.Single(await store.ListDeadLettersAsync(TestHost.Channel, Ct).ToListAsync(Ct));
        Assert.Equal("unreadable-order", letter.Kind);
        Assert.Equal(nameof(UnreadableOrderException), letter.ErrorType);
        Assert.Contains("$.items[0].qty_ordered", letter.Reason, StringComparison.Ordinal);
        Assert.Contains(Id(bad), letter.Reason, StringComparison.Ordinal);
        var payload = JsonNode.Parse(letter.Payload)!;
        Assert.Equal(bad, payload["entity_id"]!.GetValue<long>());
        Assert.Equal("2.5", payload["items"]![0]!["qty_ordered"]!.GetValue<string>());
        Assert.Empty(_emulator.GetOrderComments(bad)); // nothing acknowledged for an order the WMS never saw

        // The overlap window reads the same bad order again: still one dead letter, and nothing sent twice.
        Assert.Equal(0, again.DeadLettered);
        Assert.Single(await store.ListDeadLettersAsync(TestHost.Channel, Ct).ToListAsync(Ct));
        Assert.Equal(2, warehouse.Orders.Count);
    }

    public static TheoryData<string, string> Unreadable => new()
    {
        { "qty_not_a_number", "$.items[0].qty_ordered" },
        { "no_currency", "$.order_currency_code" },
        { "bad_created_at", "$.created_at" },
        { "items_not_a_list", "$.items" },
        { "no_sku", "$.items[1].sku" },
    };

    [Theory]
    [MemberData(nameof(Unreadable))]
    public async Task ListOrderEntriesAsync_OneUnreadableOrder_ComesBackInItsPlaceWithPathPayloadAndUpdatedAt(string breakage, string path)
    {
        Action<JsonObject> edit = breakage switch
        {
            "qty_not_a_number" => o => o["items"]![0]!["qty_ordered"] = "two",
            "no_currency" => o => o.Remove("order_currency_code"),
            "bad_created_at" => o => o["created_at"] = "yesterday",
            "items_not_a_list" => o => o["items"] = new JsonObject { ["0"] = "x" },
            _ => o => o["items"]![1]!.AsObject().Remove("sku"),
        };
        var (first, bad, last, badUpdated, _) = ThreeOrders(edit);
        await using var services = TestHost.ForEmulator(_emulator, o => o.PageSize = 2, _time);

        var entries = await services.Magento().ListOrderEntriesAsync(_time.GetUtcNow().AddHours(-1), Ct).ToListAsync(Ct);

        Assert.Equal([Id(first), null, Id(last)], entries.Select(e => e.Order?.OrderId));
        var unreadable = entries[1].Unreadable!;
        Assert.Equal(Id(bad), unreadable.OrderId);
        Assert.Equal(path, unreadable.JsonPath);
        Assert.False(string.IsNullOrWhiteSpace(unreadable.Reason));
        Assert.Equal(badUpdated, unreadable.UpdatedAt);
        Assert.Equal(bad, JsonNode.Parse(unreadable.Payload)!["entity_id"]!.GetValue<long>());

        // The plain listing still refuses to hand over half an order: it names the order and the path.
        var error = await Assert.ThrowsAsync<UnreadableOrderException>(async () => await services.Magento().ListOrdersAsync(_time.GetUtcNow().AddHours(-1), Ct).ToListAsync(Ct));
        Assert.Equal(path, error.FieldPath);
    }

    [Fact]
    public async Task PollAsync_OrderOnHoldInMagento_IsHeldNotReleasedToTheWms()
    {
        var held = _emulator.PlaceOrder([MagentoEmulatorLine.Simple("A", 1)]);
        _emulator.HoldOrder(held);
        var open = _emulator.PlaceOrder([MagentoEmulatorLine.Simple("B", 1)]);
        _time.Advance(TimeSpan.FromMinutes(1));
        var warehouse = new FakeWarehouse();
        await using var provider = TestHost.ForEngine(_emulator, _time, warehouse, WmsPorts.Orders);
        var orders = provider.GetRequiredService<IOrderSync>();

        await orders.PollAsync(TestHost.Channel, Ct);
        await orders.ProcessInboxAsync(Ct);

        Assert.Equal([Id(open)], warehouse.Orders.Values.Select(o => o.ChannelOrderId));
        Assert.Contains(_emulator.GetOrderComments(held), c => c.Contains("[connectors:ack:hold]", StringComparison.Ordinal));
        Assert.Equal("holded", _emulator.GetOrderState(held));
    }

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}
