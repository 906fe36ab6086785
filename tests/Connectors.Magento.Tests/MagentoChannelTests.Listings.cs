using Connectors.Testing.Magento;

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

    [Fact]
    public async Task DeactivateListings_ProductAndConfigurableChild_DisabledInTheDefaultScopeWithOnlySkuAndStatus()
    {
        _emulator.AddProduct("OLD");
        _emulator.SetSourceQuantity("OLD", "default", 5);
        _emulator.AddConfigurableProduct("TEE", ["TEE-M", "TEE-L"]);
        _emulator.SetSourceQuantity("TEE-M", "default", 3);
        _emulator.SetSourceQuantity("TEE-L", "default", 3);
        await using var services = TestHost.ForEmulator(_emulator, time: _time);
        var channel = services.Magento();
        var listed = await channel.ListListingsAsync(Ct).ToDictionaryAsync(l => l.ChannelItemId, cancellationToken: Ct);

        var results = await channel.DeactivateListingsAsync([listed["OLD"], listed["TEE-M"]], Ct);

        Assert.Equal([("OLD", PushOutcome.Applied), ("TEE-M", PushOutcome.Applied)], results.Select(r => (r.ChannelItemId, r.Outcome)).Order());
        Assert.Equal((false, false, true), (_emulator.IsProductEnabled("OLD", "all"), _emulator.IsProductEnabled("TEE-M", "all"), _emulator.IsProductEnabled("TEE-L", "all")));
        var put = Assert.Single(_emulator.Requests, r => r.Method == "PUT" && r.Path == "/V1/products/OLD");
        Assert.Equal("""{"product":{"sku":"OLD","status":2}}""", put.Body);
        var after = await channel.ListListingsAsync(Ct).ToDictionaryAsync(l => l.ChannelItemId, cancellationToken: Ct);
        Assert.Equal((ListingStatus.Inactive, ListingStatus.Inactive, ListingStatus.Active), (after["OLD"].Status, after["TEE-M"].Status, after["TEE-L"].Status));
    }

    [Fact]
    public async Task DeactivateListings_UnknownSkuAndAlreadyDisabled_UnknownRejectedWithoutAPutAndNothingSavedTwice()
    {
        _emulator.AddProduct("OFF");
        _emulator.SetProductEnabled("OFF", false);
        await using var services = TestHost.ForEmulator(_emulator, time: _time);
        var gone = new ChannelListing { ChannelItemId = "GONE", Sku = "GONE", Status = ListingStatus.Active };
        var off = new ChannelListing { ChannelItemId = "OFF", Sku = "OFF", Status = ListingStatus.Active };

        var results = (await services.Magento().DeactivateListingsAsync([gone, off], Ct)).ToDictionary(r => r.ChannelItemId);

        Assert.Equal(PushOutcome.Rejected, results["GONE"].Outcome);
        Assert.Contains("no product with SKU 'GONE'", results["GONE"].Reason, StringComparison.Ordinal);
        Assert.Equal(PushOutcome.Applied, results["OFF"].Outcome);
        Assert.Equal(0, _emulator.ProductSaves); // a PUT to GONE would have created a product
        Assert.DoesNotContain(_emulator.Requests, r => r.Method == "PUT");
    }

    [Fact]
    public async Task DeactivateListings_StoreViewHasItsOwnStatus_RejectedNamingTheScopeUnlessWrittenInThatStoreView()
    {
        _emulator.AddProduct("PINNED");
        _emulator.SetSourceQuantity("PINNED", "default", 5);
        _emulator.SetProductEnabledInStore("PINNED", "default", true);
        var listing = new ChannelListing { ChannelItemId = "PINNED", Sku = "PINNED", Status = ListingStatus.Active };
        await using (var services = TestHost.ForEmulator(_emulator, time: _time))
        {
            var result = Assert.Single(await services.Magento().DeactivateListingsAsync([listing], Ct));

            Assert.Equal(PushOutcome.Rejected, result.Outcome);
            Assert.Contains("store view 'default' still shows status 1", result.Reason, StringComparison.Ordinal);
            Assert.Contains("Use Default Value", result.Reason, StringComparison.Ordinal);
            Assert.Equal((false, true), (_emulator.IsProductEnabled("PINNED", "all"), _emulator.IsProductEnabled("PINNED", "default")));
        }

        _emulator.SetProductEnabled("PINNED", true);
        await using (var services = TestHost.ForEmulator(_emulator, o => o.ListingStatusStoreCode = "default", _time))
        {
            var result = Assert.Single(await services.Magento().DeactivateListingsAsync([listing], Ct));

            Assert.Equal(PushOutcome.Applied, result.Outcome);
            Assert.Equal((true, false), (_emulator.IsProductEnabled("PINNED", "all"), _emulator.IsProductEnabled("PINNED", "default")));
        }
    }

    [Fact]
    public async Task ReactivateListings_ManagedStockAtZero_RetryUntilTheInventoryFlowPushesStock()
    {
        _emulator.AddProduct("EMPTY");
        _emulator.SetSourceQuantity("EMPTY", "default", 0);
        _emulator.AddProduct("BACK");
        _emulator.SetSourceQuantity("BACK", "default", 4);
        _emulator.SetProductEnabled("BACK", false);
        await using var services = TestHost.ForEmulator(_emulator, time: _time);
        var channel = services.Magento();
        var listed = await channel.ListListingsAsync(Ct).ToDictionaryAsync(l => l.ChannelItemId, cancellationToken: Ct);
        Assert.Equal(ListingStatus.SoldOut, listed["EMPTY"].Status);

        var results = (await channel.ReactivateListingsAsync([listed["EMPTY"], listed["BACK"]], Ct)).ToDictionary(r => r.ChannelItemId);

        Assert.Equal(PushOutcome.Retry, results["EMPTY"].Outcome);
        Assert.Contains("inventory flow", results["EMPTY"].Reason, StringComparison.Ordinal);
        Assert.Equal(PushOutcome.Applied, results["BACK"].Outcome);
        Assert.True(_emulator.IsProductEnabled("BACK", "all"));
        Assert.Equal(1, _emulator.ProductSaves); // EMPTY was enabled already: not saved

        await channel.PushInventoryAsync([new InventoryTarget("EMPTY", InventoryTarget.DefaultLocation, 3)], Ct);
        var again = Assert.Single(await channel.ReactivateListingsAsync([listed["EMPTY"]], Ct));
        Assert.Equal(PushOutcome.Applied, again.Outcome);
        Assert.Equal(ListingStatus.Active, (await channel.ListListingsAsync(Ct).SingleAsync(l => l.ChannelItemId == "EMPTY", Ct)).Status);
    }

    [Fact]
    public async Task DeactivateListings_SaveFailsWithA500_RetryAndTheOtherProductApplied()
    {
        _emulator.AddProduct("A");
        _emulator.AddProduct("B");
        _emulator.InjectFault(MagentoEmulatorFault.InternalError, path: "/products/A");
        await using var services = TestHost.ForEmulator(_emulator, time: _time);
        var listings = new[] { "A", "B" }.Select(s => new ChannelListing { ChannelItemId = s, Sku = s, Status = ListingStatus.Active }).ToList();

        var results = (await services.Magento().DeactivateListingsAsync(listings, Ct)).ToDictionary(r => r.ChannelItemId);

        Assert.Equal((PushOutcome.Retry, PushOutcome.Applied), (results["A"].Outcome, results["B"].Outcome));
        Assert.Contains("PUT products/A", results["A"].Reason, StringComparison.Ordinal);
        Assert.Equal((true, false), (_emulator.IsProductEnabled("A"), _emulator.IsProductEnabled("B")));
    }
}
