using Connectors.Testing;
using Connectors.Testing.SapEwm;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Connectors.Warehouse.SapEwm.Tests;

/// <summary>The engine's order flow with the SAP EWM adapter as its WMS, against the emulated S/4HANA and EWM.</summary>
public sealed class SapEwmEndToEndTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static ChannelOrder ShopOrder(DateTimeOffset created, int minute, int tg11) =>
        new(
            "shop-a",
            "7001",
            "EUR",
            [new ChannelOrderLine("1", "TG11", tg11, new Money(10m, "EUR"), "TG11"), new ChannelOrderLine("2", "TG12", 1, new Money(5m, "EUR"), "TG12")],
            created,
            created.AddMinutes(minute),
            "#7001",
            ChannelOrderStatus.Open,
            PaymentStatus.Paid,
            FulfillmentStatus.Unfulfilled,
            new Address { Name = "Ada Lovelace", Line1 = "12 Analytical Way", City = "London", PostalCode = "N1 9GU", CountryCode = "GB" });

    private static OrderChannelEvent Webhook(ChannelOrder order) =>
        new() { Channel = order.Channel, DeliveryId = "d-" + order.UpdatedAt.UtcTicks, OccurredAt = order.UpdatedAt, Kind = OrderEventKind.Updated, OrderId = order.OrderId, Order = order };

    [Fact]
    public async Task ShopOrderReducedBeforePicking_EwmShipsTheNewQuantityAndTheShopGetsIt()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.Zero));
        var emulator = await SapEwmEmulator.StartAsync(time, Ct);
        await using var _ = emulator;
        emulator.AddCustomers(SapTestHost.Customer);
        emulator.AddProducts("TG11", "TG12");
        var channel = new FakeChannel("shop-a");
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(time);
        services.AddSingleton<IItemResolver>(new FakeItemResolver { FallBackToIdentity = true });
        services.AddConnectors()
            .AddChannel("shop-a", "fake", _ => channel)
            .AddSapEwm(o => SapTestHost.Configure(o, emulator, null));
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        var orders = provider.GetRequiredService<IOrderSync>();
        var created = time.GetUtcNow().AddMinutes(-10);

        await orders.AcceptAsync(Webhook(ShopOrder(created, 1, tg11: 3)), Ct);
        await orders.ProcessInboxAsync(Ct);
        var salesOrder = Assert.Single(emulator.SalesOrdersWithReference("shop-a:7001"));
        var delivery = Assert.Single(emulator.DeliveriesOf(salesOrder));
        Assert.Equal(3m, emulator.DeliveryItems(delivery).Single(i => i.Product == "TG11").Quantity);

        // The merchant takes two units off the order on the shop before the warehouse starts picking.
        await orders.AcceptAsync(Webhook(ShopOrder(created, 2, tg11: 1)), Ct);
        await orders.ProcessInboxAsync(Ct);

        Assert.Equal(1m, emulator.DeliveryItems(delivery).Single(i => i.Product == "TG11").Quantity);
        Assert.Equal("1", emulator.SalesOrderField(salesOrder, "RequestedQuantity", "10"));
        Assert.Empty(await provider.GetRequiredService<ISyncStateStore>().ListDeadLettersAsync(null, Ct).ToListAsync(Ct));
        Assert.Empty(await orders.ListExceptionsAsync(null, Ct).ToListAsync(Ct));

        emulator.PostGoodsIssue(delivery, transportPartnerReference: "TRK-7001");
        time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, await provider.GetRequiredService<SapEwmShipmentPoller>().PollAsync(Ct));
        await provider.GetRequiredService<IFulfillmentSync>().ProcessOutboxAsync(Ct);

        var fulfillment = Assert.Single(channel.Fulfillments);
        Assert.Equal([("1", 1), ("2", 1)], fulfillment.Lines.Select(l => (l.LineId, l.Quantity)).OrderBy(l => l.LineId));
        Assert.Equal("TRK-7001", Assert.Single(fulfillment.Tracking).Number);
        SpecValidator.AssertValid(emulator.Requests);
    }
}
