using System.Globalization;
using System.Text.Json.Nodes;
using Connectors.Testing;
using Connectors.Testing.WooCommerce;

namespace Connectors.WooCommerce.Tests;

/// <summary>
/// The request shape of a push (issue 18, throughput): full batches per endpoint, every slot used, only the fields that
/// change, and the shop's 413 limit learned once from its message. Counts and bodies are asserted, never time.
/// </summary>
public sealed partial class WooCommerceChannelTests
{
    [Fact]
    public async Task PushInventoryAsync_FullSyncOf300ProductsAnd3Variations_FourFullBatchesAllInFlight()
    {
        // The real shop: the connector's full sync sent 5 pushes (~100 + 100 + 97 products with the variations, then 3)
        // with at most 2-3 in flight; four batches of 100 sent at once by hand were 1.6x faster.
        var ct = TestContext.Current.CancellationToken;
        await using var shop = await WooCommerceEmulator.StartAsync(cancellationToken: ct);
        var products = Enumerable.Range(0, 300).Select(i => shop.AddSimpleProduct($"SKU-{i}", 1)).ToList();
        var hoodie = shop.AddVariableProduct("Hoodie", "Size", [new()
        {
            Sku = "H-S",
            Option = "S",
            Stock = 1,
        }, new()
        {
            Sku = "H-M",
            Option = "M",
            Stock = 1,
        }, new()
        {
            Sku = "H-L",
            Option = "L",
            Stock = 1,
        }]);
        var v = shop.GetVariationIds(hoodie);
        shop.Latency = TimeSpan.FromMilliseconds(300); // long enough that batches sent together are seen together
        shop.RecordRequests = true;
        await using var sp = Connect(shop, o => o.MaxConcurrency = 4);
        var channel = sp.Channel_();
        // The engine hands the channel up to MaxInventoryBatchSize targets per push, in its own order.
        var targets = products.Select((id, i) => new InventoryTarget(Text(id), "default", 7)).ToList();
        targets.InsertRange(150, v.Select(id => new InventoryTarget($"{hoodie}/{id}", "default", 7)));
        Assert.True(channel.Capabilities.MaxInventoryBatchSize >= targets.Count);

        var results = await channel.PushInventoryAsync(targets, ct);

        Assert.All(results, r => Assert.Equal(PushOutcome.Applied, r.Outcome));
        var batches = shop.Requests.Select(r => (r.Path, Items: JsonNode.Parse(r.Body)!["update"]!.AsArray().Count)).OrderBy(b => b.Path).ThenBy(b => b.Items).ToList();
        Assert.Equal([("products/batch", 100), ("products/batch", 100), ("products/batch", 100), ($"products/{hoodie}/variations/batch", 3)], batches.OrderBy(b => b.Path.Length).ThenBy(b => b.Items));
        Assert.Equal(4, shop.MaxInFlight);
        Assert.Equal(7, shop.GetStock(products[299]));
        Assert.Equal(7, shop.GetStock(hoodie, v[2]));
    }

    [Fact]
    public async Task PushInventoryAsync_ItemsTheShopAlreadyManages_SendOnlyTheQuantity()
    {
        // The real shop: batch bodies were ~5.6 KB instead of ~3.6 KB per 100 because manage_stock went with every item.
        var ct = TestContext.Current.CancellationToken;
        await using var shop = await WooCommerceEmulator.StartAsync(cancellationToken: ct);
        var managed = shop.AddSimpleProduct("A", 5);
        var unmanaged = shop.AddSimpleProduct("B", null);
        shop.RecordRequests = true;
        await using var sp = Connect(shop);
        var channel = sp.Channel_();
        await ToListAsync(channel.ListItemsAsync(ct)); // the catalogue read tells which items the shop manages
        var fresh = shop.AddSimpleProduct("C", 5); // added after the read

        await channel.PushInventoryAsync([new(Text(managed), "default", 3), new(Text(unmanaged), "default", 4)], ct);
        await channel.PushInventoryAsync([new(Text(fresh), "default", 2)], ct);
        await channel.PushInventoryAsync([new(Text(fresh), "default", 1), new(Text(unmanaged), "default", 6)], ct);

        var bodies = shop.Requests.Where(r => r.Path == "products/batch").Select(r => JsonNode.Parse(r.Body)!["update"]!.AsArray()).ToList();
        Assert.Equal(3, bodies.Count);
        Assert.Equal([(managed, false), (unmanaged, true)], bodies[0].Select(Item));
        Assert.Equal([(fresh, true)], bodies[1].Select(Item)); // not read before: said once
        Assert.Equal([(fresh, false), (unmanaged, false)], bodies[2].Select(Item)); // the answers showed both managed
        Assert.Equal((3, 6, 1), (shop.GetStock(managed), shop.GetStock(unmanaged), shop.GetStock(fresh)));
    }

    [Fact]
    public async Task PushInventoryAsync_ManageStockSwitchedOffOnTheShop_RetriesAndTheRetrySendsIt()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var shop = await WooCommerceEmulator.StartAsync(cancellationToken: ct);
        var p = shop.AddSimpleProduct("A", 5);
        await using var sp = Connect(shop);
        var channel = sp.Channel_();
        await channel.PushInventoryAsync([new(Text(p), "default", 3)], ct); // learns: managed
        shop.SetManageStock(p, false); // the merchant switches it off

        var first = await channel.PushInventoryAsync([new(Text(p), "default", 2)], ct);
        var second = await channel.PushInventoryAsync([new(Text(p), "default", 2)], ct);

        Assert.Equal(PushOutcome.Retry, Assert.Single(first).Outcome);
        Assert.Equal(PushOutcome.Applied, Assert.Single(second).Outcome);
        Assert.Equal(2, shop.GetStock(p));
    }

    [Fact]
    public async Task PushInventoryAsync_ConfiguredBatch250OnAShopOf100_LearnsTheLimitOnceFromThe413()
    {
        // The real shop: with a configured batch of 250 each dispatch re-learned the limit by halving, 9 requests instead of 3.
        var ct = TestContext.Current.CancellationToken;
        await using var shop = await WooCommerceEmulator.StartAsync(cancellationToken: ct);
        var ids = Enumerable.Range(0, 300).Select(i => shop.AddSimpleProduct($"SKU-{i}", 0)).ToList();
        await using var sp = Connect(shop, o => o.BatchSize = 250);
        var channel = sp.Channel_();
        var targets = ids.Select((id, i) => new InventoryTarget(Text(id), "default", i)).ToList();

        var first = await channel.PushInventoryAsync(targets, ct);
        var firstRequests = shop.RequestCount;
        var second = await channel.PushInventoryAsync(targets, ct);

        Assert.All(first.Concat(second), r => Assert.Equal(PushOutcome.Applied, r.Outcome));
        Assert.Equal(1 + 3 + 1, firstRequests); // 250 (413, "more than 100") -> 100 + 100 + 50; the other 50 fit at once
        Assert.Equal(3, shop.RequestCount - firstRequests); // kept: 100 + 100 + 100
        Assert.Equal(299, shop.GetStock(ids[299]));
    }

    private static (long Id, bool ManageStock) Item(JsonNode? item) =>
        (item!["id"]!.GetValue<long>(), item["manage_stock"] is not null);

    private static string Text(long id) => id.ToString(CultureInfo.InvariantCulture);
}
