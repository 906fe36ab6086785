using System.Globalization;
using Connectors.Shopify.Internal;
using Connectors.Testing.Shopify;

namespace Connectors.Shopify.Tests.EndToEnd;

/// <summary>
/// Issue 19 item 7, the Shopify part: a 250-line order on a small cost bucket is read whole, in line pages the bucket
/// affords, and never holds the bucket from the shop's other work (an inventory push sent meanwhile goes through while
/// the order's lines are still being read).
/// </summary>
public sealed class LargeOrderTests
{
    [Fact]
    public async Task ListOrders_250LinesOnASmallBucket_ReadWholeWithinTheBucketWhileAnInventoryPushGoesThrough()
    {
        var ct = TestContext.Current.CancellationToken;
        const int bucket = 300;
        const int restore = 200;
        await using var emulator = await ShopifyEmulator.StartAsync(new ShopifyEmulatorOptions { BucketSize = bucket, RestoreRate = restore }, ct);
        await using var services = ShopifyTestHost.Build(emulator.BaseAddress, configure: o =>
        {
            o.AssumedBucketSize = bucket;
            o.AssumedRestoreRate = restore;
        });
        var channel = services.Channel();
        var location = emulator.AddLocation("Main");
        var variants = Enumerable.Range(0, 250).Select(i => emulator.AddVariant("SKU-" + i.ToString("D3", CultureInfo.InvariantCulture), 5, location)).ToArray();
        var orderId = await emulator.CreateOrderAsync([.. variants.Select((v, i) => new ShopifyEmulatorLine
        {
            Sku = v.Sku,
            Quantity = 1 + (i % 3),
            UnitPrice = 2m,
        })], cancellationToken: ct);

        var listing = channel.ListOrdersAsync(DateTimeOffset.UtcNow.AddHours(-1), ct).ToListAsync(ct).AsTask();

        // Wait until the order's own line pages are being read, then push stock to the same shop (same bucket).
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!emulator.Requests.Any(r => r.OperationName == GraphDocuments.OrderLineItems))
        {
            Assert.True(DateTime.UtcNow < deadline, "the order's follow-up line pages (OrderLineItems) never started within 30 s");
            Assert.False(listing.IsCompleted, "the listing ended before reading any follow-up line page");
            await Task.Delay(10, ct);
        }

        var pushed = await channel.PushInventoryAsync(
            [.. variants.Take(3).Select(v => new InventoryTarget(v.InventoryItemId, location, 7))], ct);
        var listingDoneWhenPushReturned = listing.IsCompleted;
        var orders = await listing.WaitAsync(TimeSpan.FromSeconds(60), ct);

        var order = Assert.Single(orders);
        Assert.Equal(orderId, order.OrderId);
        Assert.Equal(250, order.Lines.Count);
        Assert.Equal(variants.Select(v => v.Sku), order.Lines.Select(l => l.Sku));
        Assert.Equal(Enumerable.Range(0, 250).Select(i => 1 + (i % 3)), order.Lines.Select(l => l.Quantity));
        Assert.All(pushed, r => Assert.Equal(PushOutcome.Applied, r.Outcome));
        Assert.False(listingDoneWhenPushReturned, "the push waited until the whole order had been read");

        // Read in several line pages, none of which the bucket could not hold, and the shop never had to refuse one.
        var linePages = emulator.Requests.Count(r => r.OperationName == GraphDocuments.OrderLineItems);
        Assert.True(linePages >= 2, $"{linePages} line pages");
        Assert.Equal(0, emulator.ThrottledResponses);
        Assert.Equal(0, emulator.RequestsOverBucket);
        Assert.Equal(0, emulator.MaxCostExceededResponses);
        Assert.InRange(emulator.LargestRequestedCost, 1, bucket);
    }
}
