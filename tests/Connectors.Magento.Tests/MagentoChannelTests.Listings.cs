namespace Connectors.Magento.Tests;

public sealed partial class MagentoChannelTests
{
    [Fact]
    public async Task ListListings_StatusVisibilityStockAndConfigurables_MappedPerProduct()
    {
        _emulator.AddProduct("ON");
        _emulator.SetSourceQuantity("ON", "default", 5);
        _emulator.AddProduct("OFF");
        _emulator.SetSourceQuantity("OFF", "default", 5);
        _emulator.SetProductEnabled("OFF", false);
        _emulator.AddProduct("HIDDEN");
        _emulator.SetSourceQuantity("HIDDEN", "default", 5);
        _emulator.SetProductVisibility("HIDDEN", 1);
        _emulator.AddProduct("EMPTY");
        _emulator.SetSourceQuantity("EMPTY", "default", 0);
        _emulator.AddConfigurableProduct("TEE", ["TEE-M", "TEE-L"]);
        _emulator.SetSourceQuantity("TEE-M", "default", 3);
        _emulator.SetSourceQuantity("TEE-L", "default", 3);
        _emulator.AddConfigurableProduct("CAP", ["CAP-1"]);
        _emulator.SetSourceQuantity("CAP-1", "default", 3);
        _emulator.SetProductEnabled("CAP", false);
        await using var services = TestHost.ForEmulator(_emulator, o => o.PageSize = 2, _time);

        var listings = await services.Magento().ListListingsAsync(Ct).ToDictionaryAsync(l => l.ChannelItemId, cancellationToken: Ct);

        Assert.Equal(["CAP-1", "EMPTY", "HIDDEN", "OFF", "ON", "TEE-L", "TEE-M"], listings.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(ListingStatus.Active, listings["ON"].Status);
        Assert.Equal("enabled, visibility 4, in stock", listings["ON"].PlatformStatus);
        Assert.Equal(ListingStatus.Inactive, listings["OFF"].Status);
        Assert.Equal(ListingStatus.Inactive, listings["HIDDEN"].Status);
        Assert.Contains("visibility 1", listings["HIDDEN"].StatusReason, StringComparison.Ordinal);
        Assert.Equal(ListingStatus.SoldOut, listings["EMPTY"].Status);
        Assert.Equal((ListingStatus.Active, "TEE"), (listings["TEE-M"].Status, listings["TEE-M"].ListingId)); // a child is not visible individually, and need not be
        Assert.Equal((ListingStatus.Inactive, "CAP"), (listings["CAP-1"].Status, listings["CAP-1"].ListingId));
        Assert.Contains("'CAP' is disabled", listings["CAP-1"].StatusReason, StringComparison.Ordinal);
        Assert.All(listings.Values, l => Assert.Equal(l.ChannelItemId, l.Sku));
    }
}
