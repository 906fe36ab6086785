using Connectors.Mapping.Profiles;
using Connectors.Shopify.Internal;
using Connectors.Testing.Shopify;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Connectors.Shopify.Tests.EndToEnd;

/// <summary>
/// The Shopify price push (<c>productVariantsBulkUpdate</c> per product) against the emulator, whose prices are read back
/// from its own state.
/// </summary>
public sealed class PricePushTests
{
    [Fact]
    public async Task PushPricesAsync_VariantsOfTwoProducts_OneBulkUpdatePerProduct_PricesReadBack()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var emulator = await ShopifyEmulator.StartAsync(cancellationToken: ct);
        var small = emulator.AddVariant("HOODIE-S");
        var medium = emulator.AddVariantToProduct(small.ProductId, "HOODIE-M");
        var large = emulator.AddVariantToProduct(small.ProductId, "HOODIE-L");
        var mug = emulator.AddVariant("MUG");
        await using var services = ShopifyTestHost.Build(emulator.BaseAddress);
        var channel = services.Channel();

        var results = await channel.PushPricesAsync(
        [
            Target(small.InventoryItemId, 39.50m),
            Target(medium.InventoryItemId, 39.50m),
            Target(large.InventoryItemId, 42.00m, compareAt: 49.90m),
            Target(mug.InventoryItemId, 12.99m),
        ], ct);

        Assert.All(results, r => Assert.Equal(PushOutcome.Applied, r.Outcome));
        Assert.Equal(new ShopifyEmulatorPrice { Price = 39.50m }, emulator.GetPrice(small.VariantId));
        Assert.Equal(new ShopifyEmulatorPrice { Price = 39.50m }, emulator.GetPrice(medium.VariantId));
        Assert.Equal(new ShopifyEmulatorPrice { Price = 42.00m, CompareAtPrice = 49.90m }, emulator.GetPrice(large.VariantId));
        Assert.Equal(new ShopifyEmulatorPrice { Price = 12.99m }, emulator.GetPrice(mug.VariantId));
        var updates = emulator.Requests.Where(r => r.OperationName == GraphDocuments.ProductVariantsBulkUpdate).ToList();
        Assert.Equal(2, updates.Count);
        Assert.Contains(updates, u => u.VariablesJson.Contains(small.ProductId, StringComparison.Ordinal) && u.VariablesJson.Contains(large.VariantId, StringComparison.Ordinal));
        Assert.Single(emulator.Requests, r => r.OperationName == GraphDocuments.ShopCurrency);
    }

    [Fact]
    public async Task PushPricesAsync_CompareAtDropped_ClearsItOnTheShop_AndCompareAtNotAboveThePriceIsNotSent()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var emulator = await ShopifyEmulator.StartAsync(cancellationToken: ct);
        var a = emulator.AddVariant("A");
        await using var services = ShopifyTestHost.Build(emulator.BaseAddress);
        var channel = services.Channel();

        await channel.PushPricesAsync([Target(a.InventoryItemId, 15m, compareAt: 20m)], ct);
        Assert.Equal(20m, emulator.GetPrice(a.VariantId)!.CompareAtPrice);

        // The sale ended: the regular price comes back without a compare-at price, which must be removed, not left struck through.
        var ended = await channel.PushPricesAsync([Target(a.InventoryItemId, 20m)], ct);
        Assert.Equal(PushOutcome.Applied, Assert.Single(ended).Outcome);
        Assert.Equal(new ShopifyEmulatorPrice { Price = 20m }, emulator.GetPrice(a.VariantId));

        // A compare-at price not above the price would show a "was" price no higher than the price: it is cleared too.
        var notAbove = await channel.PushPricesAsync([Target(a.InventoryItemId, 20m, compareAt: 18m)], ct);
        Assert.Equal(PushOutcome.Applied, Assert.Single(notAbove).Outcome);
        Assert.Null(emulator.GetPrice(a.VariantId)!.CompareAtPrice);
    }

    [Fact]
    public async Task PushPricesAsync_OtherCurrencyThanTheShops_RejectedNamingBoth_ShopCurrencyReadOnce()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var emulator = await ShopifyEmulator.StartAsync(new ShopifyEmulatorOptions { ShopCurrency = "JPY" }, ct);
        var a = emulator.AddVariant("A");
        await using var services = ShopifyTestHost.Build(emulator.BaseAddress);
        var channel = services.Channel();

        var euro = await channel.PushPricesAsync([Target(a.InventoryItemId, 12.50m)], ct);
        var yen = await channel.PushPricesAsync([new PriceTarget { ChannelItemId = a.InventoryItemId, Price = new ChannelPrice { Amount = new Money(1250m, "JPY") } }], ct);

        var refused = Assert.Single(euro);
        Assert.Equal((PushOutcome.Rejected, "currency_mismatch"), (refused.Outcome, refused.ErrorCode));
        Assert.Contains("EUR", refused.Reason, StringComparison.Ordinal);
        Assert.Contains("JPY", refused.Reason, StringComparison.Ordinal);
        Assert.Equal(PushOutcome.Applied, Assert.Single(yen).Outcome);
        Assert.Equal(1250m, emulator.GetPrice(a.VariantId)!.Price);
        Assert.Single(emulator.Requests, r => r.OperationName == GraphDocuments.ShopCurrency);
        Assert.DoesNotContain(emulator.Requests, r => r.OperationName == GraphDocuments.ProductVariantsBulkUpdate && r.VariablesJson.Contains("12.50", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PushPricesAsync_ScheduledSale_RefusedAsShopifyHasNoSaleSchedule()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var emulator = await ShopifyEmulator.StartAsync(cancellationToken: ct);
        var a = emulator.AddVariant("A");
        await using var services = ShopifyTestHost.Build(emulator.BaseAddress);
        var channel = services.Channel();
        var start = new DateTimeOffset(2026, 11, 27, 0, 0, 0, TimeSpan.Zero);

        var results = await channel.PushPricesAsync(
        [
            new PriceTarget
            {
                ChannelItemId = a.InventoryItemId,
                Price = new ChannelPrice { Amount = Eur(20m), Sale = Eur(15m), SaleStartsAt = start, SaleEndsAt = start.AddDays(4) },
            },
        ], ct);

        Assert.False(channel.SupportsSaleSchedule);
        Assert.Equal((PushOutcome.Rejected, "sale_not_scheduled"), (results[0].Outcome, results[0].ErrorCode));
        Assert.Equal(0m, emulator.GetPrice(a.VariantId)!.Price);
    }

    [Fact]
    public async Task PushPricesAsync_UnknownItem_Rejected_OthersApplied()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var emulator = await ShopifyEmulator.StartAsync(cancellationToken: ct);
        var a = emulator.AddVariant("A");
        await using var services = ShopifyTestHost.Build(emulator.BaseAddress);
        var channel = services.Channel();

        var results = await channel.PushPricesAsync([Target("gid://shopify/InventoryItem/12345", 5m), Target("not-an-id", 5m), Target(a.InventoryItemId, 7m)], ct);

        Assert.Equal((PushOutcome.Rejected, "ITEM_NOT_FOUND"), (results[0].Outcome, results[0].ErrorCode));
        Assert.Equal((PushOutcome.Rejected, "INVALID_ITEM_ID"), (results[1].Outcome, results[1].ErrorCode));
        Assert.Equal(PushOutcome.Applied, results[2].Outcome);
        Assert.Equal(7m, emulator.GetPrice(a.VariantId)!.Price);
    }

    [Fact]
    public async Task PushPricesAsync_VariantDeletedAfterItWasLookedUp_UserErrorPerVariant_RetriedThenRejectedAfterAFreshLookup()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var emulator = await ShopifyEmulator.StartAsync(cancellationToken: ct);
        var small = emulator.AddVariant("S");
        var medium = emulator.AddVariantToProduct(small.ProductId, "M");
        await using var services = ShopifyTestHost.Build(emulator.BaseAddress);
        var channel = services.Channel();
        await channel.PushPricesAsync([Target(small.InventoryItemId, 10m), Target(medium.InventoryItemId, 10m)], ct);

        // The merchant deletes one variant; the channel still knows it from the first push.
        Assert.True(emulator.RemoveVariant(medium.VariantId));
        var second = await channel.PushPricesAsync([Target(small.InventoryItemId, 11m), Target(medium.InventoryItemId, 11m)], ct);

        // Partial updates: the other variant of the same call is applied; the deleted one gets Shopify's user error.
        Assert.Equal(PushOutcome.Applied, second[0].Outcome);
        Assert.Equal(PushOutcome.Retry, second[1].Outcome);
        Assert.Contains("PRODUCT_VARIANT_DOES_NOT_EXIST", second[1].Reason, StringComparison.Ordinal);
        Assert.Equal(11m, emulator.GetPrice(small.VariantId)!.Price);

        // The engine's retry reads the item again: it is gone, a typed rejection the engine dead-letters.
        var third = await channel.PushPricesAsync([Target(medium.InventoryItemId, 11m)], ct);
        Assert.Equal((PushOutcome.Rejected, "ITEM_NOT_FOUND"), (third[0].Outcome, third[0].ErrorCode));
    }

    [Fact]
    public async Task Engine_PricesPushedAndAcknowledged_ChangeAboveTheLimitHeldUntilReleased()
    {
        // A wrong decimal point (4.99 published as 49.90) must not reach the shop until a person releases it.
        var ct = TestContext.Current.CancellationToken;
        await using var emulator = await ShopifyEmulator.StartAsync(cancellationToken: ct);
        var a = emulator.AddVariant("A");
        await using var services = ShopifyTestHost.Build(emulator.BaseAddress);
        var prices = services.GetRequiredService<IPriceSync>();
        var holds = services.GetRequiredService<IPriceHolds>();

        // Without a mapping profile the channel item id is the SKU.
        await prices.RecordPricesAsync([new BasePrice { Sku = a.InventoryItemId, Price = Eur(4.99m) }], ct);
        var first = await prices.DispatchAsync(ShopifyTestHost.ChannelName, ct);
        Assert.Equal((1, 4.99m), (first.Applied, emulator.GetPrice(a.VariantId)!.Price));

        await prices.RecordPricesAsync([new BasePrice { Sku = a.InventoryItemId, Price = Eur(49.90m) }], ct);
        var held = await prices.DispatchAsync(ShopifyTestHost.ChannelName, ct);
        Assert.Equal(0, held.Batches);
        Assert.Equal(4.99m, emulator.GetPrice(a.VariantId)!.Price);

        var row = Assert.Single(await holds.ListAsync(ShopifyTestHost.ChannelName, ct).ToListAsync(ct));
        Assert.True(await holds.ReleaseAsync(row.Key, row.Version, ct));
        var released = await prices.DispatchAsync(ShopifyTestHost.ChannelName, ct);
        Assert.Equal((1, 49.90m), (released.Applied, emulator.GetPrice(a.VariantId)!.Price));
    }

    [Fact]
    public async Task Engine_SaleWithAWindow_ShownAsPriceAndCompareAtWhileItRuns_RevertedAtItsEnd()
    {
        // Shopify has no scheduled sale: the engine resolves the mapping profile's sale when it computes, so the shop
        // gets the sale price with the regular price struck through, and the regular price alone once the sale ends.
        var ct = TestContext.Current.CancellationToken;
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero));
        await using var emulator = await ShopifyEmulator.StartAsync(new ShopifyEmulatorOptions { TimeProvider = time }.UsePlan(ShopifyEmulatorPlan.Plus), ct);
        var mug = emulator.AddVariant("MUG");
        var profile = new ChannelMappingProfile
        {
            Pricing = new PricingRules
            {
                Currency = "EUR",
                Sale = new SaleRule { DiscountPercent = 20, StartsAt = time.GetUtcNow().AddHours(-1), EndsAt = time.GetUtcNow().AddHours(2) },
            },
        };
        profile.Items.Add(new ItemMapping { ChannelItemId = mug.InventoryItemId, Sku = "MUG-WMS" });
        await using var services = ShopifyTestHost.Build(
            emulator.BaseAddress,
            time: time,
            after: s => s.AddConnectors().AddMapping(o => o.Channels[ShopifyTestHost.ChannelName] = profile));
        var prices = services.GetRequiredService<IPriceSync>();

        await prices.RecordPricesAsync([new BasePrice { Sku = "MUG-WMS", Price = Eur(20m) }], ct);
        var during = await prices.DispatchAsync(ShopifyTestHost.ChannelName, ct);
        Assert.Equal(1, during.Applied);
        Assert.Equal(new ShopifyEmulatorPrice { Price = 16m, CompareAtPrice = 20m }, emulator.GetPrice(mug.VariantId));

        time.Advance(TimeSpan.FromHours(2)); // the sale's end (the hosted price worker wakes for it; here called directly)
        var report = await prices.RepriceAsync(ct);
        var after = await prices.DispatchAsync(ShopifyTestHost.ChannelName, ct);

        Assert.Equal(1, after.Applied);
        Assert.Equal(new ShopifyEmulatorPrice { Price = 20m }, emulator.GetPrice(mug.VariantId));
        Assert.Null(report.NextChangeAt);
    }

    private static PriceTarget Target(string item, decimal eur, decimal? compareAt = null) => new()
    {
        ChannelItemId = item,
        Price = new ChannelPrice { Amount = Eur(eur), CompareAt = compareAt is { } c ? Eur(c) : null },
    };

    private static Money Eur(decimal amount) => new(amount, "EUR");
}
