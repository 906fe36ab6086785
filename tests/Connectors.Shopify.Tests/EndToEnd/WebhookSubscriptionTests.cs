using Connectors.Testing.Shopify;

namespace Connectors.Shopify.Tests.EndToEnd;

/// <summary>Webhook subscription against an emulator that refuses the same topic and address twice, as Shopify does.</summary>
public sealed class WebhookSubscriptionTests
{
    [Fact]
    public async Task SubscribeWebhooks_CalledTwice_SecondCallSucceedsWithoutDuplicates()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var emulator = await ShopifyEmulator.StartAsync(cancellationToken: ct);
        await using var services = ShopifyTestHost.Build(emulator.BaseAddress);
        var callback = new Uri("https://host.example/webhooks/shopify");

        await services.Channel().SubscribeWebhooksAsync(callback, cancellationToken: ct);
        await services.Channel().SubscribeWebhooksAsync(callback, cancellationToken: ct);   // a host restart

        Assert.Equal(6, emulator.WebhookSubscriptions.Count);
    }

    [Fact]
    public async Task SubscribeWebhooks_SomeTopicsAlreadySubscribed_AddsOnlyTheMissingOnes()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var emulator = await ShopifyEmulator.StartAsync(cancellationToken: ct);
        await using var services = ShopifyTestHost.Build(emulator.BaseAddress);
        var callback = new Uri("https://host.example/webhooks/shopify");
        await services.Channel().SubscribeWebhooksAsync(callback, ["ORDERS_CREATE"], ct);

        // Second call: ORDERS_CREATE is already there (fine), ORDERS_PAID is new.
        await services.Channel().SubscribeWebhooksAsync(callback, ["ORDERS_CREATE", "ORDERS_PAID"], ct);

        Assert.Equal(["ORDERS_CREATE", "ORDERS_PAID"], emulator.WebhookSubscriptions.Select(s => s.Topic).Order());
    }
}
