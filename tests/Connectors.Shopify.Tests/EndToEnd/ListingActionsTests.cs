using Connectors.Shopify.Internal;
using Connectors.Testing;
using Connectors.Testing.Shopify;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Shopify.Tests.EndToEnd;

/// <summary>
/// Issue 20: the listing actions against the emulator. Shopify's status belongs to the product, so a status is written
/// only when every variant of the product is in the batch; a sold-out listing needs the inventory push, not a status.
/// </summary>
public sealed class ListingActionsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DeactivateListingsAsync_SingleVariantProduct_ArchivedAndReadBackInactive()
    {
        await using var emulator = await ShopifyEmulator.StartAsync(new ShopifyEmulatorOptions { RestoreRate = 1000 }, Ct);
        await using var services = ShopifyTestHost.Build(emulator.BaseAddress);
        var main = emulator.AddLocation("Main");
        var old = emulator.AddVariant("OLD", 5, main);
        var channel = services.Channel();

        var results = await channel.DeactivateListingsAsync([await ListingAsync(channel, "OLD")], Ct);

        Assert.Equal((old.InventoryItemId, PushOutcome.Applied), (Assert.Single(results).ChannelItemId, results[0].Outcome));
        Assert.Equal("ARCHIVED", emulator.GetProductStatus(old.ProductId));
        var after = await ListingAsync(channel, "OLD");
        Assert.Equal((ListingStatus.Inactive, "ARCHIVED"), (after.Status, after.PlatformStatus));

        // Absolute: a second call finds the product archived and writes nothing.
        var writes = emulator.Requests.Count(r => r.OperationName == GraphDocuments.ProductStatusUpdate);
        Assert.Equal(PushOutcome.Applied, Assert.Single(await channel.DeactivateListingsAsync([after], Ct)).Outcome);
        Assert.Equal(writes, emulator.Requests.Count(r => r.OperationName == GraphDocuments.ProductStatusUpdate));
    }

    [Fact]
    public async Task DeactivateListingsAsync_OneOfTwoVariants_RejectedNamingTheOtherAndNothingWritten()
    {
        await using var emulator = await ShopifyEmulator.StartAsync(new ShopifyEmulatorOptions { RestoreRate = 1000 }, Ct);
        await using var services = ShopifyTestHost.Build(emulator.BaseAddress);
        var main = emulator.AddLocation("Main");
        var red = emulator.AddVariant("MUG-RED", 3, main);
        var blue = emulator.AddVariantToProduct(red.ProductId, "MUG-BLUE", 7, main);
        var channel = services.Channel();

        var result = Assert.Single(await channel.DeactivateListingsAsync([await ListingAsync(channel, "MUG-RED")], Ct));

        Assert.Equal((red.InventoryItemId, PushOutcome.Rejected), (result.ChannelItemId, result.Outcome));
        Assert.Contains("MUG-BLUE (" + blue.VariantId + ")", result.Reason, StringComparison.Ordinal);
        Assert.Contains("ZeroDiscontinued", result.Reason, StringComparison.Ordinal);
        Assert.Equal("ACTIVE", emulator.GetProductStatus(red.ProductId));
        Assert.DoesNotContain(emulator.Requests, r => r.OperationName == GraphDocuments.ProductStatusUpdate);
    }

    [Fact]
    public async Task DeactivateListingsAsync_EveryVariantOfTheProduct_OneWriteArchivesThemAll()
    {
        await using var emulator = await ShopifyEmulator.StartAsync(new ShopifyEmulatorOptions { RestoreRate = 1000 }, Ct);
        await using var services = ShopifyTestHost.Build(emulator.BaseAddress);
        var main = emulator.AddLocation("Main");
        var small = emulator.AddVariant("SHIRT-S", 2, main);
        emulator.AddVariantToProduct(small.ProductId, "SHIRT-M", 2, main);
        emulator.AddVariantToProduct(small.ProductId, "SHIRT-L", 0, main);
        var channel = services.Channel();
        var listings = new List<ChannelListing>();
        await foreach (var listing in channel.ListListingsAsync(Ct))
        {
            listings.Add(listing);
        }

        var results = await channel.DeactivateListingsAsync(listings, Ct);

        Assert.All(results, r => Assert.Equal(PushOutcome.Applied, r.Outcome));
        Assert.Equal(3, results.Count);
        Assert.Single(emulator.Requests, r => r.OperationName == GraphDocuments.ProductStatusUpdate);
        await foreach (var listing in channel.ListListingsAsync(Ct))
        {
            Assert.Equal(ListingStatus.Inactive, listing.Status);
        }
    }

    [Fact]
    public async Task DeactivateListingsAsync_NotAnItemOrNoProduct_RejectedWithoutACall()
    {
        await using var emulator = await ShopifyEmulator.StartAsync(new ShopifyEmulatorOptions { RestoreRate = 1000 }, Ct);
        await using var services = ShopifyTestHost.Build(emulator.BaseAddress);

        var results = await services.Channel().DeactivateListingsAsync(
        [
            new ChannelListing { ChannelItemId = "gid://shopify/Order/1", ListingId = "gid://shopify/Product/2", Status = ListingStatus.Active },
            new ChannelListing { ChannelItemId = "gid://shopify/InventoryItem/3", ListingId = null, Status = ListingStatus.Active },
        ], Ct);

        Assert.All(results, r => Assert.Equal(PushOutcome.Rejected, r.Outcome));
        Assert.Contains("not an InventoryItem", results[0].Reason, StringComparison.Ordinal);
        Assert.Contains("names no product", results[1].Reason, StringComparison.Ordinal);
        Assert.Empty(emulator.Requests);
    }

    [Fact]
    public async Task ReactivateListingsAsync_SoldOut_NoWriteAndRetryUntilStockIsPushed_ThenApplied()
    {
        await using var emulator = await ShopifyEmulator.StartAsync(new ShopifyEmulatorOptions { RestoreRate = 1000 }, Ct);
        await using var services = ShopifyTestHost.Build(emulator.BaseAddress);
        var main = emulator.AddLocation("Main");
        var empty = emulator.AddVariant("EMPTY", 0, main);
        var hidden = emulator.AddVariant("HIDDEN", 0, main);
        emulator.SetProductStatus(hidden.VariantId, "UNLISTED");
        var channel = services.Channel();
        var listings = new[] { await ListingAsync(channel, "EMPTY"), await ListingAsync(channel, "HIDDEN") };
        Assert.All(listings, l => Assert.Equal(ListingStatus.SoldOut, l.Status));

        var first = await channel.ReactivateListingsAsync(listings, Ct);

        Assert.All(first, r => Assert.Equal(PushOutcome.Retry, r.Outcome));
        Assert.Contains("inventory flow", first[0].Reason, StringComparison.Ordinal);
        Assert.Equal(("ACTIVE", "UNLISTED"), (emulator.GetProductStatus(empty.ProductId), emulator.GetProductStatus(hidden.ProductId)));
        Assert.DoesNotContain(emulator.Requests, r => r.OperationName == GraphDocuments.ProductStatusUpdate);

        // The inventory flow's push ends sold out; the status stays the merchant's (UNLISTED is not made ACTIVE).
        await channel.PushInventoryAsync([new InventoryTarget(empty.InventoryItemId, main, 4), new InventoryTarget(hidden.InventoryItemId, main, 2)], Ct);
        var second = await channel.ReactivateListingsAsync(listings, Ct);

        Assert.All(second, r => Assert.Equal(PushOutcome.Applied, r.Outcome));
        Assert.Equal("UNLISTED", emulator.GetProductStatus(hidden.ProductId));
        Assert.Equal(ListingStatus.Active, (await ListingAsync(channel, "EMPTY")).Status);
    }

    [Fact]
    public async Task ReactivateListingsAsync_ProductArchivedSinceTheReport_SetActive()
    {
        await using var emulator = await ShopifyEmulator.StartAsync(new ShopifyEmulatorOptions { RestoreRate = 1000 }, Ct);
        await using var services = ShopifyTestHost.Build(emulator.BaseAddress);
        var main = emulator.AddLocation("Main");
        var back = emulator.AddVariant("BACK", 3, main);
        var channel = services.Channel();
        var listing = await ListingAsync(channel, "BACK");
        emulator.SetProductStatus(back.VariantId, "ARCHIVED");

        var result = Assert.Single(await channel.ReactivateListingsAsync([listing], Ct));

        Assert.Equal(PushOutcome.Applied, result.Outcome);
        Assert.Equal("ACTIVE", emulator.GetProductStatus(back.ProductId));
        Assert.Equal(ListingStatus.Active, (await ListingAsync(channel, "BACK")).Status);
    }

    /// <summary>
    /// Through the engine: a discontinued single-variant product is archived; a discontinued three-variant product whose
    /// variants the report finds apart (another product's variant between them) and that a batch of two cannot hold is
    /// still archived whole, because the engine keeps one product's listings in one batch (with plain chunks of two the
    /// channel refuses every shirt); a product with one discontinued and one current variant is refused naming the current
    /// one and stays active; a sold-out item the WMS has stock of is Retry until the inventory push, after which the next
    /// run finds nothing to do.
    /// </summary>
    [Fact]
    public async Task ApplyActionsAsync_ThroughIListingHealth_ArchivesWholeProductsRefusesMixedOnesAndReactivatesAfterThePush()
    {
        await using var emulator = await ShopifyEmulator.StartAsync(new ShopifyEmulatorOptions { RestoreRate = 1000 }, Ct);
        var main = emulator.AddLocation("Main");
        var old = emulator.AddVariant("OLD", 5, main);
        var shirtS = emulator.AddVariant("SHIRT-S", 2, main);
        var mugRed = emulator.AddVariant("MUG-RED", 3, main);
        var shirtM = emulator.AddVariantToProduct(shirtS.ProductId, "SHIRT-M", 2, main);
        var shirtL = emulator.AddVariantToProduct(shirtS.ProductId, "SHIRT-L", 1, main);
        var mugBlue = emulator.AddVariantToProduct(mugRed.ProductId, "MUG-BLUE", 7, main);
        var empty = emulator.AddVariant("EMPTY", 0, main);

        // The WMS names its items by the InventoryItem GID (no mapping profile: identity).
        var items = new[] { old, shirtS, shirtM, shirtL, mugRed, mugBlue, empty }.Select(v => v.InventoryItemId).ToArray();
        var wms = new FakeWarehouse();
        wms.AddItems(items);
        wms.SetDiscontinued(true, old.InventoryItemId, shirtS.InventoryItemId, shirtM.InventoryItemId, shirtL.InventoryItemId, mugRed.InventoryItemId);
        wms.SetStock([.. items.Select(i => new StockLevel(i, "WH1", i == empty.InventoryItemId ? 4 : 1))]);
        await using var services = ShopifyTestHost.Build(
            emulator.BaseAddress,
            after: s =>
            {
                s.AddSingleton<IWarehouseInventory>(wms);
                s.AddSingleton<IWarehouseItemCatalog>(wms);
                s.AddConnectors(o =>
                {
                    var inventory = new Connectors.Inventory.ChannelInventoryOptions();
                    inventory.Locations.Add(new() { WarehouseLocation = "WH1", ChannelLocation = main });
                    o.Inventory.Channels[ShopifyTestHost.ChannelName] = inventory;
                }).ConfigureListingHealth(o =>
                {
                    o.ActionBatchSize = 2;
                    o.Channels[ShopifyTestHost.ChannelName] = new ListingActionOptions { DeactivateDiscontinued = true, ReactivateWhenStocked = true };
                });
            });
        var health = services.GetRequiredService<IListingHealth>();

        var done = await health.ApplyActionsAsync(ShopifyTestHost.ChannelName, Ct);

        var deactivated = done.Deactivated.ToDictionary(r => r.ChannelItemId);
        Assert.Equal(5, deactivated.Count);
        Assert.All(new[] { old, shirtS, shirtM, shirtL }, v => Assert.Equal(PushOutcome.Applied, deactivated[v.InventoryItemId].Outcome));
        Assert.Equal(PushOutcome.Rejected, deactivated[mugRed.InventoryItemId].Outcome);
        Assert.Contains("MUG-BLUE", deactivated[mugRed.InventoryItemId].Reason, StringComparison.Ordinal);
        Assert.Equal(
            ("ARCHIVED", "ARCHIVED", "ACTIVE", "ACTIVE"),
            (emulator.GetProductStatus(old.ProductId), emulator.GetProductStatus(shirtS.ProductId), emulator.GetProductStatus(mugRed.ProductId), emulator.GetProductStatus(empty.ProductId)));
        var reactivated = Assert.Single(done.Reactivated);
        Assert.Equal((empty.InventoryItemId, PushOutcome.Retry), (reactivated.ChannelItemId, reactivated.Outcome));

        var sync = services.GetRequiredService<IInventorySync>();
        await sync.RecordStockLevelsAsync([new StockLevel(empty.InventoryItemId, "WH1", 4)], Ct);
        await sync.DispatchAsync(ShopifyTestHost.ChannelName, Ct);
        var again = await health.ApplyActionsAsync(ShopifyTestHost.ChannelName, Ct);

        Assert.Equal(4, emulator.GetAvailable(empty.InventoryItemId, main));
        Assert.Empty(again.RestockedSoldOutListings);
        Assert.Equal([mugRed.InventoryItemId], again.DiscontinuedActiveListings.Select(l => l.ChannelItemId));
        var report = new Dictionary<string, ListingReportEntry>();
        await foreach (var entry in health.GetReportAsync(ShopifyTestHost.ChannelName, Ct))
        {
            if (entry.Listing is { } listing)
            {
                report[listing.Sku!] = entry;
            }
        }

        Assert.Equal(ListingStatus.Inactive, report["SHIRT-L"].Listing!.Status);
        Assert.Equal(ListingStatus.Active, report["EMPTY"].Listing!.Status);
    }

    private static async Task<ChannelListing> ListingAsync(IListingChannel channel, string sku)
    {
        await foreach (var listing in channel.ListListingsAsync(Ct))
        {
            if (listing.Sku == sku)
            {
                return listing;
            }
        }

        throw new InvalidOperationException($"No listing has SKU '{sku}'.");
    }
}
