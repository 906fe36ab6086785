using Connectors.Shopify.Internal;
using Connectors.Testing.Shopify;

namespace Connectors.Shopify.Tests.EndToEnd;

/// <summary>One pass over every channel operation against an emulator; returns what it observed.</summary>
internal static class ChannelScenario
{
    public static async Task<ScenarioResult> RunAsync(ShopifyEmulator emulator, ShopifyChannel channel, CancellationToken ct)
    {
        var location = emulator.AddLocation("Main warehouse");
        var a = emulator.AddVariant("SKU-A", 3, location);
        var b = emulator.AddVariant("SKU-B", 0, location);

        var items = await channel.ListItemsAsync(ct).ToListAsync(ct);
        var locations = await channel.ListLocationsAsync(ct).ToListAsync(ct);
        var push = await channel.PushInventoryAsync([new InventoryTarget(a.InventoryItemId, location, 17), new InventoryTarget(b.InventoryItemId, location, 4)], ct);
        var allLevels = await channel.ReadInventoryAsync(null, ct).ToListAsync(ct);
        var someLevels = await channel.ReadInventoryAsync([a.InventoryItemId], ct).ToListAsync(ct);

        var since = DateTimeOffset.UtcNow.AddMinutes(-5);
        var orderId = await emulator.CreateOrderAsync([new ShopifyEmulatorLine
        {
            Sku = "SKU-A",
            Quantity = 2,
            UnitPrice = 12.50m,
        }, new ShopifyEmulatorLine
        {
            Sku = "SKU-B",
            Quantity = 1,
            UnitPrice = 3.99m,
        }], "EUR", ct);
        var orders = await channel.ListOrdersAsync(since, ct).ToListAsync(ct);
        var order = await channel.GetOrderAsync(orderId, ct);
        await channel.AcknowledgeOrderAsync(new OrderAcknowledgement(orderId, ReleaseDecision.Release, "WMS-1001"), ct);

        var lineA = order!.Lines.Single(l => l.Sku == "SKU-A");
        var request = new FulfillmentRequest(orderId, [new FulfillmentLine(lineA.LineId, 1)], "SHIP-1", "DHL", [new TrackingInfo("TRACK-1", new Uri("https://track.example/TRACK-1"), "DHL")]);
        var first = await channel.CreateFulfillmentAsync(request, ct);
        var again = await channel.CreateFulfillmentAsync(request, ct);
        await channel.UpdateTrackingAsync(first.FulfillmentId, [new TrackingInfo("TRACK-2", null, "DHL")], ct);
        var fulfillments = await channel.ListFulfillmentsAsync(orderId, ct);

        var returnId = emulator.RequestReturn(orderId);
        var returns = await channel.ListReturnRequestsAsync(since, ct).ToListAsync(ct);
        var ret = returns.Single(r => r.ReturnId == returnId);
        await channel.ConfirmReturnAsync(new ReturnConfirmation(ret.ReturnId, ret.Lines, restock: true, refund: true, "RCPT-1"), ct);

        await channel.SubscribeWebhooksAsync(new Uri("https://host.example/webhooks/shopify"), cancellationToken: ct);
        return new ScenarioResult(location, a, b, items, locations, push, allLevels, someLevels, orderId, orders, order, first, again, fulfillments, returnId, returns);
    }
}

internal sealed record ScenarioResult(
    string Location,
    ShopifyEmulatorVariant A,
    ShopifyEmulatorVariant B,
    IReadOnlyList<ChannelItem> Items,
    IReadOnlyList<ShopifyLocation> Locations,
    IReadOnlyList<InventoryPushItemResult> Push,
    IReadOnlyList<ChannelInventoryLevel> AllLevels,
    IReadOnlyList<ChannelInventoryLevel> SomeLevels,
    string OrderId,
    IReadOnlyList<ChannelOrder> Orders,
    ChannelOrder? Order,
    ChannelFulfillment First,
    ChannelFulfillment Again,
    IReadOnlyList<ChannelFulfillment> Fulfillments,
    string ReturnId,
    IReadOnlyList<ReturnRequest> Returns);
