using Connectors.Testing;
using Connectors.Testing.WooCommerce;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.WooCommerce.Tests;

/// <summary>Issue 20: listings with their status, mapped from product status and stock status.</summary>
public sealed partial class WooCommerceChannelTests
{
    [Fact]
    public async Task ListListingsAsync_StatusesAndStock_MappedToListingStatus()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var shop = await WooCommerceEmulator.StartAsync(cancellationToken: ct);
        var live = shop.AddSimpleProduct("LIVE", 5);
        var soldOut = shop.AddSimpleProduct("SOLD-OUT", 0);
        var unmanaged = shop.AddSimpleProduct("UNMANAGED", null);
        var hidden = shop.AddSimpleProduct("HIDDEN", 5);
        shop.SetProductStatus(hidden, "private");
        var draft = shop.AddSimpleProduct("DRAFT", 5);
        shop.SetProductStatus(draft, "draft");
        var pending = shop.AddSimpleProduct("PENDING", 5);
        shop.SetProductStatus(pending, "pending");
        var noSku = shop.AddSimpleProduct(string.Empty, 5, name: "No SKU");
        var hoodie = shop.AddVariableProduct("Hoodie", "Size", [new()
        {
            Sku = "HOODIE-S",
            Option = "S",
            Stock = 10,
        }, new()
        {
            Sku = "HOODIE-M",
            Option = "M",
            Stock = 0,
        }]);
        var v = shop.GetVariationIds(hoodie);
        var drafted = shop.AddVariableProduct("Cap", "Size", [new()
        {
            Sku = "CAP-S",
            Option = "S",
            Stock = 10,
        }]);
        shop.SetProductStatus(drafted, "draft");
        var capVariation = shop.GetVariationIds(drafted)[0];
        await using var sp = Connect(shop, o => o.PageSize = 2);

        var listings = (await ToListAsync(((IListingChannel)sp.Channel_()).ListListingsAsync(ct))).ToDictionary(l => l.ChannelItemId);

        Assert.Equal((ListingStatus.Active, "publish/instock", 5), (listings[$"{live}"].Status, listings[$"{live}"].PlatformStatus, listings[$"{live}"].Quantity));
        Assert.Equal((ListingStatus.SoldOut, "publish/outofstock"), (listings[$"{soldOut}"].Status, listings[$"{soldOut}"].PlatformStatus));
        Assert.Equal((ListingStatus.Active, (int?)null), (listings[$"{unmanaged}"].Status, listings[$"{unmanaged}"].Quantity));
        Assert.Equal(ListingStatus.Inactive, listings[$"{hidden}"].Status);
        Assert.Equal(ListingStatus.Draft, listings[$"{draft}"].Status);
        Assert.Equal(ListingStatus.Draft, listings[$"{pending}"].Status);
        Assert.Null(listings[$"{noSku}"].Sku);
        Assert.Equal((ListingStatus.Active, "HOODIE-S", $"{hoodie}"), (listings[$"{hoodie}/{v[0]}"].Status, listings[$"{hoodie}/{v[0]}"].Sku, listings[$"{hoodie}/{v[0]}"].ListingId));
        Assert.Equal(ListingStatus.SoldOut, listings[$"{hoodie}/{v[1]}"].Status);
        Assert.Equal((ListingStatus.Draft, "draft/instock"), (listings[$"{drafted}/{capVariation}"].Status, listings[$"{drafted}/{capVariation}"].PlatformStatus));
        Assert.Equal(10, listings.Count);
    }

    /// <summary>
    /// Deactivation sets <c>private</c> on the simple product and on the one variation (its sibling stays on sale),
    /// sends nothing but the status, and the next report reads them back as inactive; an id that is not WooCommerce's
    /// is rejected naming it.
    /// </summary>
    [Fact]
    public async Task DeactivateListingsAsync_SimpleAndVariation_PrivateAndReadBackInactive()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var shop = await WooCommerceEmulator.StartAsync(cancellationToken: ct);
        var simple = shop.AddSimpleProduct("OLD", 5);
        var other = shop.AddSimpleProduct("KEEP", 5);
        var hoodie = shop.AddVariableProduct("Hoodie", "Size", [new()
        {
            Sku = "HOODIE-S",
            Option = "S",
            Stock = 10,
        }, new()
        {
            Sku = "HOODIE-M",
            Option = "M",
            Stock = 4,
        }]);
        var v = shop.GetVariationIds(hoodie);
        await using var sp = Connect(shop);
        var channel = (IListingActionChannel)sp.Channel_();
        var before = (await ToListAsync(((IListingChannel)channel).ListListingsAsync(ct))).ToDictionary(l => l.ChannelItemId);
        shop.RecordRequests = true;

        var results = await channel.DeactivateListingsAsync([before[$"{simple}"], before[$"{hoodie}/{v[0]}"], new ChannelListing { ChannelItemId = "shirt", Status = ListingStatus.Active }], ct);

        Assert.Equal(
            [($"{simple}", PushOutcome.Applied), ($"{hoodie}/{v[0]}", PushOutcome.Applied), ("shirt", PushOutcome.Rejected)],
            results.Select(r => (r.ChannelItemId, r.Outcome)));
        Assert.Contains("'shirt' is not a WooCommerce item id", results[2].Reason, StringComparison.Ordinal);
        Assert.Equal(("private", "publish", "private", "publish", "publish"), (shop.GetProductStatus(simple), shop.GetProductStatus(other), shop.GetProductStatus(hoodie, v[0]), shop.GetProductStatus(hoodie, v[1]), shop.GetProductStatus(hoodie)));
        Assert.Equal(
            [$$"""{"update":[{"id":{{simple}},"status":"private"}]}""", $$"""{"update":[{"id":{{v[0]}},"status":"private"}]}"""],
            shop.Requests.Where(r => r.Method == "POST").Select(r => r.Body).Order(StringComparer.Ordinal));
        Assert.Equal(5, shop.GetStock(simple));
        var after = (await ToListAsync(((IListingChannel)channel).ListListingsAsync(ct))).ToDictionary(l => l.ChannelItemId);
        Assert.Equal(
            (ListingStatus.Inactive, ListingStatus.Inactive, ListingStatus.Active, ListingStatus.Active),
            (after[$"{simple}"].Status, after[$"{hoodie}/{v[0]}"].Status, after[$"{hoodie}/{v[1]}"].Status, after[$"{other}"].Status));
    }

    /// <summary>
    /// Reactivation puts an item whose stock the shop does not manage, marked out of stock, back on sale at once; an
    /// item whose stock the shop manages stays sold out at quantity zero (the shop derives its stock status), so it is
    /// a retry that names the inventory flow, and the push of a level ends it.
    /// </summary>
    [Fact]
    public async Task ReactivateListingsAsync_UnmanagedBackOnSale_ManagedAtZeroRetryUntilStockPushed()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var shop = await WooCommerceEmulator.StartAsync(cancellationToken: ct);
        var unmanaged = shop.AddSimpleProduct("LOOSE", null);
        shop.SetStockStatus(unmanaged, "outofstock");
        var managed = shop.AddSimpleProduct("COUNTED", 0);
        await using var sp = Connect(shop);
        var channel = (IListingActionChannel)sp.Channel_();
        var soldOut = (await ToListAsync(((IListingChannel)channel).ListListingsAsync(ct))).ToDictionary(l => l.ChannelItemId);
        Assert.Equal((ListingStatus.SoldOut, ListingStatus.SoldOut), (soldOut[$"{unmanaged}"].Status, soldOut[$"{managed}"].Status));

        var results = (await channel.ReactivateListingsAsync([soldOut[$"{unmanaged}"], soldOut[$"{managed}"]], ct)).ToDictionary(r => r.ChannelItemId);

        Assert.Equal(PushOutcome.Applied, results[$"{unmanaged}"].Outcome);
        Assert.Equal(PushOutcome.Retry, results[$"{managed}"].Outcome);
        Assert.Contains("inventory flow", results[$"{managed}"].Reason, StringComparison.Ordinal);
        var listed = (await ToListAsync(((IListingChannel)channel).ListListingsAsync(ct))).ToDictionary(l => l.ChannelItemId);
        Assert.Equal((ListingStatus.Active, ListingStatus.SoldOut), (listed[$"{unmanaged}"].Status, listed[$"{managed}"].Status));

        await sp.Channel_().PushInventoryAsync([new InventoryTarget($"{managed}", InventoryTarget.DefaultLocation, 3)], ct);
        var again = await channel.ReactivateListingsAsync([soldOut[$"{managed}"]], ct);
        Assert.Equal(PushOutcome.Applied, Assert.Single(again).Outcome);
    }

    /// <summary>
    /// Through the engine's listing health, opted in to both actions: the discontinued item's active listing is made
    /// private, the current item's sold-out listing with stock in the warehouse is put back on sale, the draft with
    /// stock is left alone, and the next report finds nothing more to do.
    /// </summary>
    [Fact]
    public async Task ApplyActions_OptedIn_DiscontinuedPrivateAndRestockedBackOnSale()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var shop = await WooCommerceEmulator.StartAsync(cancellationToken: ct);
        var old = shop.AddSimpleProduct("OLD", 6);
        var loose = shop.AddSimpleProduct("LOOSE", null);
        shop.SetStockStatus(loose, "outofstock");
        var draft = shop.AddSimpleProduct("NEW", 9);
        shop.SetProductStatus(draft, "draft");
        var warehouse = new FakeWarehouse();
        warehouse.SetStock(new StockLevel("OLD", "wh1", 6), new StockLevel("LOOSE", "wh1", 4), new StockLevel("NEW", "wh1", 9));
        warehouse.SetDiscontinued(true, "OLD");
        await using var sp = TestHost.Build(
            o =>
            {
                o.BaseUrl = shop.BaseUrl;
                o.ConsumerKey = shop.ConsumerKey;
                o.ConsumerSecret = shop.ConsumerSecret;
            },
            more: services =>
            {
                services.AddSingleton<IWarehouseInventory>(warehouse);
                services.AddSingleton<IWarehouseItemCatalog>(warehouse);
                services.AddConnectors().ConfigureListingHealth(o => o.Channels[TestHost.Channel] = new ListingActionOptions { DeactivateDiscontinued = true, ReactivateWhenStocked = true });
            });
        var health = sp.GetRequiredService<IListingHealth>();

        var done = await health.ApplyActionsAsync(TestHost.Channel, ct);

        Assert.Equal([($"{old}", PushOutcome.Applied)], done.Deactivated.Select(r => (r.ChannelItemId, r.Outcome)));
        Assert.Equal([($"{loose}", PushOutcome.Applied)], done.Reactivated.Select(r => (r.ChannelItemId, r.Outcome)));
        Assert.Equal(("private", "publish", "draft"), (shop.GetProductStatus(old), shop.GetProductStatus(loose), shop.GetProductStatus(draft)));
        var again = await health.ApplyActionsAsync(TestHost.Channel, ct);
        Assert.Empty(again.DiscontinuedActiveListings);
        Assert.Empty(again.RestockedSoldOutListings);
    }
}
