using Connectors.Internal;
using Connectors.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Connectors.Tests.Orders;

public class OrderFlowRegistrationTests
{
    [Fact]
    public void AddConnectors_Twice_RegistersFlowServicesOnceAndShared()
    {
        var services = new ServiceCollection();
        services.AddConnectors();
        services.AddConnectors();
        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });

        Assert.Single(services, d => d.ServiceType == typeof(IOrderSync));
        Assert.Single(services, d => d.ServiceType == typeof(IFulfillmentSync));
        Assert.Single(services, d => d.ServiceType == typeof(IOutboundEventSink));
        Assert.Same(provider.GetRequiredService<IFulfillmentSync>(), provider.GetRequiredService<IOutboundEventSink>());
        Assert.NotNull(provider.GetRequiredService<IDeadLetters>());
        Assert.NotNull(provider.GetRequiredService<IReconciler>());
    }

    [Fact]
    public async Task Start_OrderWindowsOutOfRange_FailsNamingTheSettings()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddConnectors(o =>
        {
            o.Orders.InitialPollWindow = TimeSpan.Zero;
            o.Orders.ReconciliationWindow = TimeSpan.FromDays(400);
            o.Orders.OutboxBatchSize = 0;
        }).AddChannel("a", "fake", _ => new FakeChannel("a"));
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains("Connectors:Orders:InitialPollWindow", error.Message, StringComparison.Ordinal);
        Assert.Contains("Connectors:Orders:ReconciliationWindow", error.Message, StringComparison.Ordinal);
        Assert.Contains("OutboxBatchSize", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProcessInbox_NoWarehousePortRegistered_DeadLettersWithClearReason()
    {
        var services = new ServiceCollection();
        var channel = new FakeChannel("a");
        services.AddConnectors().AddChannel("a", "fake", _ => channel);
        using var provider = services.BuildServiceProvider();
        var orders = provider.GetRequiredService<IOrderSync>();

        await orders.AcceptAsync(OrderFlowHarness.Webhook(ModelFactory.Order("a", "1", [("SKU-1", 1)]), "d"), TestContext.Current.CancellationToken);
        var pass = await orders.ProcessInboxAsync(TestContext.Current.CancellationToken);

        Assert.Equal(1, pass.DeadLettered);
        var letter = Assert.Single(await provider.GetRequiredService<IDeadLetters>().ListAsync(cancellationToken: TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken));
        Assert.Contains("No IWarehouseOrders is registered", letter.Reason, StringComparison.Ordinal);
    }
}
