using Connectors.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Connectors.Storage.PostgreSql.Tests.MultiHost;

/// <summary>Webhook intake when a host fails between recording the delivery id and writing the inbox item.</summary>
public class WebhookDeliveryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Accept_HostFailsBeforeInboxWrite_RedeliveryIsAcceptedAndProcessedOnce()
    {
        PostgreSqlTestServer.RequireServer();
        var schema = PostgreSqlTestServer.NewSchema();
        await using var pg = PostgreSqlTestServer.CreateStore(schema);
        var store = CrashingStore.Wrap(pg, out var crash);
        var channel = new FakeChannel(ConnectorHost.Shop);
        var warehouse = new FakeWarehouse();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(ModelFactory.Epoch.AddDays(1)));
        services.AddSingleton(store);
        services.AddSingleton<IWarehouseOrders>(warehouse);
        services.AddConnectors().AddChannel(ConnectorHost.Shop, "fake", _ => channel);
        await using var provider = services.BuildServiceProvider();
        var orders = provider.GetRequiredService<IOrderSync>();
        var order = ModelFactory.Order(ConnectorHost.Shop, "2001", [("P1", 1)], updatedAt: ModelFactory.Epoch.AddHours(1));
        var delivery = OrderVersionOrderingTests.Webhook(order, "delivery-1");

        crash.FailNext(nameof(ISyncStateStore.EnqueueAsync));
        await Assert.ThrowsAsync<ConnectorException>(() => orders.AcceptAsync(delivery, Ct));
        var redelivered = await orders.AcceptAsync(delivery, Ct);
        var repeated = await orders.AcceptAsync(delivery, Ct);
        while ((await orders.ProcessInboxAsync(Ct)).Claimed > 0)
        {
        }

        Assert.Equal(InboxAcceptOutcome.Accepted, redelivered);
        Assert.Equal(InboxAcceptOutcome.Duplicate, repeated);
        Assert.Single(warehouse.Orders);
        Assert.Equal(1, warehouse.SubmitCalls);
    }

    [Fact]
    public async Task Accept_StaleVersionRedelivered_IsDuplicate()
    {
        PostgreSqlTestServer.RequireServer();
        var time = new FakeTimeProvider(ModelFactory.Epoch.AddDays(1));
        await using var host = new ConnectorHost("A", PostgreSqlTestServer.NewSchema(), time, new FakeChannel(ConnectorHost.Shop), new FakeWarehouse(), TimeSpan.FromMinutes(1));
        var v1 = ModelFactory.Order(ConnectorHost.Shop, "2002", [("P1", 1)], updatedAt: ModelFactory.Epoch.AddHours(1));
        var v2 = ModelFactory.Order(ConnectorHost.Shop, "2002", [("P1", 2)], updatedAt: ModelFactory.Epoch.AddHours(2));
        Assert.Equal(InboxAcceptOutcome.Accepted, await host.Orders.AcceptAsync(OrderVersionOrderingTests.Webhook(v1, "d1"), Ct));
        Assert.Equal(InboxAcceptOutcome.Accepted, await host.Orders.AcceptAsync(OrderVersionOrderingTests.Webhook(v2, "d2"), Ct));
        while ((await host.Orders.ProcessInboxAsync(Ct)).Claimed > 0)
        {
        }

        Assert.Equal(InboxAcceptOutcome.Duplicate, await host.Orders.AcceptAsync(OrderVersionOrderingTests.Webhook(v1, "d1"), Ct));
        Assert.Equal(InboxAcceptOutcome.Stale, await host.Orders.AcceptAsync(OrderVersionOrderingTests.Webhook(v1, "d1-resent-with-new-id"), Ct));
    }
}
