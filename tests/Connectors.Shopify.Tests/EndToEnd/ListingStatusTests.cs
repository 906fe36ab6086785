using Connectors.Testing.Shopify;

namespace Connectors.Shopify.Tests.EndToEnd;

/// <summary>Issue 20: listings with their status, from the product status and the variant's sellable quantity and policy.</summary>
public sealed class ListingStatusTests
{
    [Fact]
    public async Task ListListingsAsync_ProductStatusAndStock_MappedToListingStatus()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var emulator = await ShopifyEmulator.StartAsync(new ShopifyEmulatorOptions { RestoreRate = 1000 }, ct);
        await using var services = ShopifyTestHost.Build(emulator.BaseAddress);
        IListingChannel channel = services.Channel();
        var main = emulator.AddLocation("Main");
        var live = emulator.AddVariant("LIVE", 4, main);
        var soldOut = emulator.AddVariant("SOLD-OUT", 0, main);
        var oversells = emulator.AddVariant("OVERSELLS", 0, main);
        emulator.SetInventoryPolicy(oversells.VariantId, "CONTINUE");
        var draft = emulator.AddVariant("DRAFT", 3, main);
        emulator.SetProductStatus(draft.VariantId, "DRAFT");
        var archived = emulator.AddVariant("ARCHIVED", 3, main);
        emulator.SetProductStatus(archived.VariantId, "ARCHIVED");
        var unlisted = emulator.AddVariant("UNLISTED", 2, main);
        emulator.SetProductStatus(unlisted.VariantId, "UNLISTED");

        var listings = new Dictionary<string, ChannelListing>();
        await foreach (var listing in channel.ListListingsAsync(ct))
        {
            listings.Add(listing.Sku!, listing);
        }

        Assert.Equal((ListingStatus.Active, "ACTIVE", 4), (listings["LIVE"].Status, listings["LIVE"].PlatformStatus, listings["LIVE"].Quantity));
        Assert.Equal(live.InventoryItemId, listings["LIVE"].ChannelItemId);
        Assert.StartsWith("gid://shopify/Product/", listings["LIVE"].ListingId, StringComparison.Ordinal);
        Assert.Equal(ListingStatus.SoldOut, listings["SOLD-OUT"].Status);
        Assert.Equal(soldOut.InventoryItemId, listings["SOLD-OUT"].ChannelItemId);
        Assert.Equal(ListingStatus.Active, listings["OVERSELLS"].Status);
        Assert.Equal(ListingStatus.Draft, listings["DRAFT"].Status);
        Assert.Equal(ListingStatus.Inactive, listings["ARCHIVED"].Status);
        Assert.Equal((ListingStatus.Active, "UNLISTED"), (listings["UNLISTED"].Status, listings["UNLISTED"].PlatformStatus));
        Assert.Equal(6, listings.Count);
    }
}
