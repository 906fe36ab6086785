using Connectors.Testing.WooCommerce;

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
}
