using System.Text.Json.Nodes;
using Connectors.Testing.WooCommerce;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Connectors.WooCommerce.Tests;

/// <summary>
/// The price port against the <see cref="WooCommerceEmulator"/>: the stock batch path (100 per call, a 413 learnt), price
/// strings with the shop's decimals, the sale schedule fields, and the shop's one currency.
/// </summary>
public sealed partial class WooCommerceChannelTests
{
    [Fact]
    public async Task PushPricesAsync_250ProductsAnd3Variations_BatchesOf100PerEndpointAllApplied()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var shop = await WooCommerceEmulator.StartAsync(cancellationToken: ct);
        var products = Enumerable.Range(0, 250).Select(i => shop.AddSimpleProduct($"SKU-{i}", 1)).ToList();
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
        shop.RecordRequests = true;
        await using var sp = Connect(shop);
        var channel = sp.Channel_();
        var targets = products.Select((id, i) => Target(Text(id), 10m + i / 100m)).ToList();
        targets.AddRange(v.Select(id => Target($"{hoodie}/{id}", 39.5m)));
        Assert.True(channel.MaxPriceBatchSize >= targets.Count);

        var results = await channel.PushPricesAsync(targets, ct);

        Assert.All(results, r => Assert.Equal(PushOutcome.Applied, r.Outcome));
        var batches = shop.Requests.Where(r => r.Path.EndsWith("batch", StringComparison.Ordinal))
            .Select(r => (r.Path, Items: JsonNode.Parse(r.Body)!["update"]!.AsArray().Count)).OrderBy(b => b.Path.Length).ThenBy(b => b.Items).ToList();
        Assert.Equal([("products/batch", 50), ("products/batch", 100), ("products/batch", 100), ($"products/{hoodie}/variations/batch", 3)], batches);
        var first = JsonNode.Parse(shop.Requests.First(r => r.Path == "products/batch").Body)!["update"]![0]!.AsObject();
        Assert.Equal(["id", "regular_price", "sale_price", "date_on_sale_from_gmt", "date_on_sale_to_gmt"], first.Select(p => p.Key)); // no stock fields
        Assert.Equal("12.49", shop.GetPrice(products[249]).RegularPrice); // a string with the shop's two decimals
        Assert.Equal("39.50", shop.GetPrice(hoodie, v[2]).RegularPrice);
    }

    [Fact]
    public async Task PushPricesAsync_ShopTakes40PerBatch_LearnsTheLimitFromThe413AndResends()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var shop = await WooCommerceEmulator.StartAsync(cancellationToken: ct);
        shop.BatchLimit = 40;
        var ids = Enumerable.Range(0, 100).Select(i => shop.AddSimpleProduct($"SKU-{i}", 1)).ToList();
        shop.RecordRequests = true;
        await using var sp = Connect(shop, o => o.Currency = "USD");
        var channel = sp.Channel_();

        var results = await channel.PushPricesAsync([.. ids.Select(id => Target(Text(id), 5m))], ct);
        var second = await channel.PushPricesAsync([.. ids.Select(id => Target(Text(id), 6m))], ct);

        Assert.All(results.Concat(second), r => Assert.Equal(PushOutcome.Applied, r.Outcome));
        var sizes = shop.Requests.Select(r => JsonNode.Parse(r.Body)!["update"]!.AsArray().Count).ToList();
        Assert.Equal(100, sizes[0]); // refused with 413 "more than 40 items"
        Assert.Equal([20, 40, 40], sizes.Skip(1).Take(3).Order());
        Assert.Equal([20, 40, 40], sizes.Skip(4).Order()); // the limit is kept for the next push
        Assert.Equal("6.00", shop.GetPrice(ids[99]).RegularPrice);
    }

    [Fact]
    public async Task PushPricesAsync_SaleWithWindow_SendsTheScheduleAndTheShopStartsAndEndsIt()
    {
        var ct = TestContext.Current.CancellationToken;
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 20, 12, 0, 0, TimeSpan.Zero));
        await using var shop = await WooCommerceEmulator.StartAsync(time, ct);
        var p = shop.AddSimpleProduct("A", 1, 20m);
        await using var sp = TestHost.Build(
            o =>
            {
                (o.BaseUrl, o.ConsumerKey, o.ConsumerSecret, o.Currency) = (shop.BaseUrl, shop.ConsumerKey, shop.ConsumerSecret, "USD");
            },
            time); // OAuth 1.0a timestamps on the shop's clock
        var channel = sp.Channel_();
        var starts = new DateTimeOffset(2026, 11, 27, 0, 0, 0, TimeSpan.Zero);
        var ends = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
        var sale = new ChannelPrice { Amount = Usd(24.99m), Sale = Usd(19.99m), SaleStartsAt = starts, SaleEndsAt = ends };

        var result = await channel.PushPricesAsync([new PriceTarget { ChannelItemId = Text(p), Price = sale }], ct);

        Assert.Equal(PushOutcome.Applied, Assert.Single(result).Outcome);
        var before = shop.GetPrice(p);
        Assert.Equal(("24.99", "19.99", starts, ends), (before.RegularPrice, before.SalePrice, before.SaleFrom, before.SaleTo));
        Assert.Equal(("24.99", false), (before.Price, before.OnSale)); // not yet
        time.SetUtcNow(starts.AddHours(1));
        Assert.Equal(("19.99", true), (shop.GetPrice(p).Price, shop.GetPrice(p).OnSale));
        time.SetUtcNow(ends.AddSeconds(1));
        Assert.Equal(("24.99", false), (shop.GetPrice(p).Price, shop.GetPrice(p).OnSale));

        // The sale taken away: "" clears the sale price and both dates.
        var cleared = await channel.PushPricesAsync([Target(Text(p), 24.99m)], ct);
        Assert.Equal(PushOutcome.Applied, Assert.Single(cleared).Outcome);
        var after = shop.GetPrice(p);
        Assert.Equal(("24.99", "", null, null), (after.RegularPrice, after.SalePrice, after.SaleFrom, after.SaleTo));
    }

    [Fact]
    public async Task PushPricesAsync_CompareAtWithoutSale_ShownAsRegularWithThePriceOnSale()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var shop = await WooCommerceEmulator.StartAsync(cancellationToken: ct);
        var p = shop.AddSimpleProduct("A", 1);
        await using var sp = Connect(shop, o => o.Currency = "USD");

        var result = await sp.Channel_().PushPricesAsync([new PriceTarget { ChannelItemId = Text(p), Price = new ChannelPrice { Amount = Usd(12m), CompareAt = Usd(15m) } }], ct);

        Assert.Equal(PushOutcome.Applied, Assert.Single(result).Outcome);
        var shown = shop.GetPrice(p);
        Assert.Equal(("15.00", "12.00", "12.00", true), (shown.RegularPrice, shown.SalePrice, shown.Price, shown.OnSale));
    }

    [Fact]
    public async Task PushPricesAsync_PriceInAnotherCurrencyThanTheShops_RefusedNamingBoth_ShopCurrencyReadOnce()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var shop = await WooCommerceEmulator.StartAsync(cancellationToken: ct);
        shop.Currency = "EUR";
        var a = shop.AddSimpleProduct("A", 1, 7m);
        var b = shop.AddSimpleProduct("B", 1, 7m);
        shop.RecordRequests = true;
        await using var sp = Connect(shop); // no Currency configured: read from settings/general
        var channel = sp.Channel_();

        var results = await channel.PushPricesAsync(
        [
            new PriceTarget { ChannelItemId = Text(a), Price = new ChannelPrice { Amount = Usd(9m) } },
            new PriceTarget { ChannelItemId = Text(b), Price = new ChannelPrice { Amount = new Money(8m, "EUR") } },
        ], ct);
        await channel.PushPricesAsync([new PriceTarget { ChannelItemId = Text(b), Price = new ChannelPrice { Amount = new Money(8.5m, "EUR") } }], ct);

        var refused = results.Single(r => r.Target.ChannelItemId == Text(a));
        Assert.Equal((PushOutcome.Rejected, "currency_mismatch"), (refused.Outcome, refused.ErrorCode));
        Assert.Contains("USD", refused.Reason, StringComparison.Ordinal);
        Assert.Contains("EUR", refused.Reason, StringComparison.Ordinal);
        Assert.Equal(PushOutcome.Applied, results.Single(r => r.Target.ChannelItemId == Text(b)).Outcome);
        Assert.Equal("7.00", shop.GetPrice(a).RegularPrice); // untouched
        Assert.Equal("8.50", shop.GetPrice(b).RegularPrice);
        Assert.Single(shop.Requests, r => r.Path == "settings/general");
    }

    [Fact]
    public async Task PushPricesAsync_ShopWithoutDecimals_SendsWholeAmountsAndRefusesCents()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var shop = await WooCommerceEmulator.StartAsync(cancellationToken: ct);
        shop.PriceDecimals = 0;
        var a = shop.AddSimpleProduct("A", 1);
        var b = shop.AddSimpleProduct("B", 1, 3m);
        await using var sp = Connect(shop);

        var results = await sp.Channel_().PushPricesAsync([Target(Text(a), 12m), Target(Text(b), 12.5m)], ct);

        Assert.Equal(PushOutcome.Applied, results[0].Outcome);
        Assert.Equal("12", shop.GetPrice(a).RegularPrice);
        Assert.Equal((PushOutcome.Rejected, "price_precision"), (results[1].Outcome, results[1].ErrorCode));
        Assert.Equal("3.00", shop.GetPrice(b).RegularPrice);
    }

    [Fact]
    public async Task PushPricesAsync_VariableProductsOwnPrice_RejectedBecauseTheShopClearsIt()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var shop = await WooCommerceEmulator.StartAsync(cancellationToken: ct);
        var hoodie = shop.AddVariableProduct("Hoodie", "Size", [new()
        {
            Sku = "H-S",
            Option = "S",
            Stock = 1,
        }]);
        await using var sp = Connect(shop, o => o.Currency = "USD");

        var result = Assert.Single(await sp.Channel_().PushPricesAsync([Target(Text(hoodie), 30m)], ct));

        Assert.Equal((PushOutcome.Rejected, "price_not_applied"), (result.Outcome, result.ErrorCode));
        Assert.Contains("regular_price", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PushPricesAsync_UnknownProduct_RejectedWithTheShopsPerItemError()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var shop = await WooCommerceEmulator.StartAsync(cancellationToken: ct);
        var p = shop.AddSimpleProduct("A", 1);
        await using var sp = Connect(shop, o => o.Currency = "USD");

        var results = await sp.Channel_().PushPricesAsync([Target("999999", 5m), Target(Text(p), 5m)], ct);

        Assert.Equal((PushOutcome.Rejected, "woocommerce_rest_product_invalid_id"), (results[0].Outcome, results[0].ErrorCode));
        Assert.Equal(PushOutcome.Applied, results[1].Outcome);
    }

    [Fact]
    public async Task Engine_ChangeAboveTheLimit_HeldAndNotPushedUntilReleased()
    {
        // A wrong decimal point (4.99 published as 49.90) must not reach the shop until a person releases it.
        var ct = TestContext.Current.CancellationToken;
        await using var shop = await WooCommerceEmulator.StartAsync(cancellationToken: ct);
        var p = shop.AddSimpleProduct("A", 1, 1m);
        await using var sp = Connect(shop, o => o.Currency = "USD");
        var prices = sp.GetRequiredService<IPriceSync>();
        var holds = sp.GetRequiredService<IPriceHolds>();
        await prices.RecordPricesAsync([new BasePrice { Sku = Text(p), Price = Usd(4.99m) }], ct);
        var first = await prices.DispatchAsync(TestHost.Channel, ct);
        Assert.Equal((1, "4.99"), (first.Applied, shop.GetPrice(p).RegularPrice));

        await prices.RecordPricesAsync([new BasePrice { Sku = Text(p), Price = Usd(49.90m) }], ct);
        var held = await prices.DispatchAsync(TestHost.Channel, ct);

        Assert.Equal(0, held.Batches);
        Assert.Equal("4.99", shop.GetPrice(p).RegularPrice);
        var row = Assert.Single(await ToListAsync(holds.ListAsync(TestHost.Channel, ct)));
        Assert.Contains("49.9", row.HoldReason, StringComparison.Ordinal);
        Assert.True(await holds.ReleaseAsync(row.Key, row.Version, ct));
        var released = await prices.DispatchAsync(TestHost.Channel, ct);
        Assert.Equal((1, "49.90"), (released.Applied, shop.GetPrice(p).RegularPrice));
    }

    private static PriceTarget Target(string id, decimal usd) => new() { ChannelItemId = id, Price = new ChannelPrice { Amount = Usd(usd) } };

    private static Money Usd(decimal amount) => new(amount, "USD");
}
