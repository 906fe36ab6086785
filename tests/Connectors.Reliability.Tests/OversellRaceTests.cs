using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Reliability.Tests;

/// <summary>
/// Scenario 3: two channels sell the last units of a SKU at the same moment. The first channel's order is processed
/// from the inbox while the WMS cannot take it yet; before the WMS has seen it, the second channel's level drops; a
/// channel that honours the pushed level then refuses the sale, so the total accepted never exceeds the stock.
/// (The window opens when the inbox item is processed, not when the webhook is received: see docs/reliability.md.)
/// </summary>
public sealed class OversellRaceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(1, 1)]
    [InlineData(3, 3)]
    [InlineData(5, 2)]
    public async Task AcceptAsync_FirstChannelSellsLastUnits_SecondChannelLevelDropsBeforeWmsSeesOrder(int stock, int firstSale)
    {
        var output = TestContext.Current.TestOutputHelper!;
        var warehouse = new FakeWarehouse();
        warehouse.SetStock(new StockLevel("SKU-1", InventoryTarget.DefaultLocation, stock));
        var a = new FakeChannel("shop-a");
        var b = new FakeChannel("shop-b");
        a.AddItem(new ChannelItem { ChannelItemId = "SKU-1", Sku = "SKU-1" });
        b.AddItem(new ChannelItem { ChannelItemId = "SKU-1", Sku = "SKU-1" });
        var services = new ServiceCollection();
        services.AddSingleton<IWarehouseInventory>(warehouse).AddSingleton<IWarehouseOrders>(warehouse);
        services.AddConnectors(o =>
        {
            o.RetryBaseDelay = TimeSpan.FromMilliseconds(1);
            o.RetryMaxDelay = TimeSpan.FromMilliseconds(1);
        }).AddChannel("shop-a", "fake", _ => a).AddChannel("shop-b", "fake", _ => b);
        await using var provider = services.BuildServiceProvider();
        var inventory = provider.GetRequiredService<IInventorySync>();
        var orders = provider.GetRequiredService<IOrderSync>();

        await inventory.FullSyncAsync(Ct);
        await inventory.DispatchAsync("shop-a", Ct);
        await inventory.DispatchAsync("shop-b", Ct);
        Assert.Equal(stock, a.GetLevel("SKU-1"));
        Assert.Equal(stock, b.GetLevel("SKU-1"));

        // Channel A sells; its webhook lands in the inbox and is processed, but the WMS is slow to take it (unavailable),
        // so the WMS has not seen the order while channel B is pushed.
        var sold = ModelFactory.Order("shop-a", "A-1", [("SKU-1", firstSale)]);
        a.PutOrder(sold);
        Assert.Equal(InboxAcceptOutcome.Accepted, await orders.AcceptAsync(new OrderChannelEvent
        {
            Channel = "shop-a",
            DeliveryId = "d-1",
            OccurredAt = DateTimeOffset.UtcNow,
            Kind = OrderEventKind.Created,
            OrderId = "A-1",
            Order = sold,
        }, Ct));
        warehouse.FailNextSubmits(1000);
        await orders.ProcessInboxAsync(Ct);
        await inventory.DispatchAsync("shop-b", Ct);
        Assert.Empty(warehouse.Orders);
        var levelB = b.GetLevel("SKU-1") ?? 0;
        output.WriteLine($"stock {stock}, channel A sold {firstSale}; channel B level before the WMS saw the order: {levelB}");
        Assert.Equal(stock - firstSale, levelB);

        // Buyers on channel B try to take everything that was ever shown; the channel accepts only what its level allows.
        var acceptedB = 0;
        for (var i = 0; i < stock; i++)
        {
            if ((b.GetLevel("SKU-1") ?? 0) >= 1)
            {
                b.SetLevel("SKU-1", InventoryTarget.DefaultLocation, (b.GetLevel("SKU-1") ?? 0) - 1);
                var order = ModelFactory.Order("shop-b", "B-" + i, [("SKU-1", 1)]);
                b.PutOrder(order);
                await orders.AcceptAsync(new OrderChannelEvent
                {
                    Channel = "shop-b",
                    DeliveryId = "b-" + i,
                    OccurredAt = DateTimeOffset.UtcNow,
                    Kind = OrderEventKind.Created,
                    OrderId = order.OrderId,
                    Order = order,
                }, Ct);
                acceptedB++;
            }
        }

        warehouse.FailNextSubmits(0);
        for (var pass = 0; pass < 50 && warehouse.Orders.Count < 1 + acceptedB; pass++)
        {
            await orders.ProcessInboxAsync(Ct);
            await Task.Delay(10, Ct);
        }

        var total = warehouse.Orders.Values.Sum(o => o.Lines.Sum(l => l.Quantity));
        output.WriteLine($"accepted: channel A {firstSale}, channel B {acceptedB}; units ordered in the WMS {total} of stock {stock}; oversold 0");
        Assert.Equal(firstSale + acceptedB, total);
        Assert.True(total <= stock, $"oversold: {total} units accepted for a stock of {stock}");
    }
}
