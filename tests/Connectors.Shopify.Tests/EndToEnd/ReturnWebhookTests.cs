using System.Text;
using System.Text.Json.Nodes;
using Connectors.Shopify.Tests.Contracts;
using Connectors.Shopify.Tests.Internal;
using Connectors.Testing.Shopify;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Shopify.Tests.EndToEnd;

/// <summary>
/// Issue 17 item 5: the <c>returns/request</c> webhook as Shopify documents it (no return lines) reaches the WMS without
/// waiting for the returns poll: the engine reads the return it names by its id.
/// </summary>
public sealed class ReturnWebhookTests
{
    [Fact]
    public async Task ReturnsRequestWebhook_DocumentedPayloadWithoutLines_ReturnReadByIdAndExpectedByTheWms()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var emulator = await ShopifyEmulator.StartAsync(new ShopifyEmulatorOptions { RestoreRate = 1000 }, ct);
        emulator.AddLocation("Main");
        emulator.AddVariant("SKU-1");
        var warehouse = new ScriptedWarehouse();
        await using var services = ShopifyTestHost.Build(emulator.BaseAddress, before: s => s.AddSingleton<IWarehouseOrders>(warehouse).AddSingleton<IWarehouseReturns>(warehouse.Inner));
        var orders = services.GetRequiredService<IOrderSync>();
        var channel = services.Channel();
        var orderId = await emulator.CreateOrderAsync([new ShopifyEmulatorLine { Sku = "SKU-1", Quantity = 2, UnitPrice = 5m }], cancellationToken: ct);
        await orders.PollAsync(ShopifyTestHost.ChannelName, ct);
        await orders.ProcessInboxAsync(ct);
        var line = (await channel.GetOrderAsync(orderId, ct))!.Lines[0];
        await channel.CreateFulfillmentAsync(new FulfillmentRequest(orderId, [new FulfillmentLine(line.LineId, 2)], "SHIP-1"), ct);
        var returnId = emulator.RequestCustomerReturn(orderId);

        // Shopify's documented payload, naming this return and order; return_line_items stays empty as documented.
        var payload = JsonNode.Parse(ContractFiles.Webhook("returns/request"))!["response"]!.AsObject();
        payload["id"] = long.Parse(returnId[(returnId.LastIndexOf('/') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        payload["admin_graphql_api_id"] = returnId;
        payload["order"]!["id"] = long.Parse(orderId[(orderId.LastIndexOf('/') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        payload["order"]!["admin_graphql_api_id"] = orderId;
        var handler = services.GetServices<IWebhookHandler>().Single();
        var events = handler.Parse(new WebhookRequest
        {
            Channel = ShopifyTestHost.ChannelName,
            Headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["X-Shopify-Topic"] = "returns/request", ["X-Shopify-Webhook-Id"] = "wh-r1" },
            Body = Encoding.UTF8.GetBytes(payload.ToJsonString()),
            ReceivedAt = DateTimeOffset.UtcNow,
            ContentType = "application/json",
        });
        foreach (var e in events)
        {
            await orders.AcceptAsync(e, ct);
        }

        var pass = await orders.ProcessInboxAsync(ct);

        Assert.Equal((1, 0), (pass.Completed, pass.DeadLettered));
        var expected = Assert.Single(warehouse.Inner.ExpectedReturns);
        Assert.Equal(returnId, expected.ReturnId);
        Assert.Equal([(line.ChannelItemId, 2m)], expected.Lines.Select(l => (l.Sku, l.Quantity))); // no item mapping: the WMS SKU is the channel item
    }
}
