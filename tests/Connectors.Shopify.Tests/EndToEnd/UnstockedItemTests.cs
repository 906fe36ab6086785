using Connectors.Testing.Shopify;

namespace Connectors.Shopify.Tests.EndToEnd;

/// <summary>
/// Items not stocked at a location (issue 17, defect 13), against an emulator that answers
/// <c>ITEM_NOT_STOCKED_AT_LOCATION</c> ("The specified inventory item is not stocked at the location.") where an item
/// has no level, as Shopify does.
/// </summary>
public sealed class UnstockedItemTests
{
    [Fact]
    public async Task PushInventory_OneItemNotStockedInABatch_TheOthersAreAppliedAndItIsReportedNotListed()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var emulator = await ShopifyEmulator.StartAsync(new ShopifyEmulatorOptions { RestoreRate = 1000 }, ct);
        await using var services = ShopifyTestHost.Build(emulator.BaseAddress);
        var channel = services.Channel();
        var location = emulator.AddLocation("Main");
        var items = Enumerable.Range(0, 5).Select(i => emulator.AddVariant("SKU-" + i, 0, location)).ToArray();
        Assert.True(emulator.DeactivateInventory(items[2].InventoryItemId, location));

        var results = await channel.PushInventoryAsync([.. items.Select((v, i) => new InventoryTarget(v.InventoryItemId, location, 10 + i))], ct);

        Assert.Equal(PushOutcome.NotListed, results.Single(r => r.Target.ChannelItemId == items[2].InventoryItemId).Outcome);
        Assert.Equal("ITEM_NOT_STOCKED_AT_LOCATION", results.Single(r => r.Target.ChannelItemId == items[2].InventoryItemId).ErrorCode);
        Assert.All(results.Where(r => r.Target.ChannelItemId != items[2].InventoryItemId), r => Assert.Equal(PushOutcome.Applied, r.Outcome));
        Assert.Equal([10, 11, 13, 14], new[] { 0, 1, 3, 4 }.Select(i => emulator.GetAvailable(items[i].InventoryItemId, location)!.Value));
        Assert.Null(emulator.GetAvailable(items[2].InventoryItemId, location));
    }

    [Fact]
    public async Task PushInventory_ItemKnownNotStocked_IsNotSentAgainUntilALevelShowsIt()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var emulator = await ShopifyEmulator.StartAsync(new ShopifyEmulatorOptions { RestoreRate = 1000 }, ct);
        await using var services = ShopifyTestHost.Build(emulator.BaseAddress);
        var channel = services.Channel();
        var location = emulator.AddLocation("Main");
        var stocked = emulator.AddVariant("SKU-1", 0, location);
        var unstocked = emulator.AddVariant("SKU-2", 0, location);
        emulator.DeactivateInventory(unstocked.InventoryItemId, location);
        await channel.PushInventoryAsync([new InventoryTarget(unstocked.InventoryItemId, location, 1)], ct);
        var calls = emulator.Requests.Count(r => r.OperationName == "InventorySetQuantities");

        var again = await channel.PushInventoryAsync([new InventoryTarget(unstocked.InventoryItemId, location, 2), new InventoryTarget(stocked.InventoryItemId, location, 3)], ct);

        Assert.Equal(PushOutcome.NotListed, again.Single(r => r.Target.ChannelItemId == unstocked.InventoryItemId).Outcome);
        Assert.Equal(PushOutcome.Applied, again.Single(r => r.Target.ChannelItemId == stocked.InventoryItemId).Outcome);
        var sent = emulator.Requests.Where(r => r.OperationName == "InventorySetQuantities").Skip(calls).ToArray();
        Assert.Single(sent);
        Assert.DoesNotContain(unstocked.InventoryItemId, sent[0].VariablesJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PushInventory_ItemNotStockedWithActivationOn_IsStockedThereWithThePushedQuantity()
    {
        // Issue 17 item 13: "activate it there when the mapping says so". Schema, inventoryActivate: "If you don't
        // specify quantities, then available and onHand default to zero", so the quantity goes with the activation.
        var ct = TestContext.Current.CancellationToken;
        await using var emulator = await ShopifyEmulator.StartAsync(new ShopifyEmulatorOptions { RestoreRate = 1000 }, ct);
        await using var services = ShopifyTestHost.Build(emulator.BaseAddress, ShopifyApiVersions.V202604, o => o.ActivateUnstockedInventory = true);
        var channel = services.Channel();
        var location = emulator.AddLocation("Main");
        var items = Enumerable.Range(0, 3).Select(i => emulator.AddVariant("SKU-" + i, 0, location)).ToArray();
        emulator.DeactivateInventory(items[1].InventoryItemId, location);

        var results = await channel.PushInventoryAsync([.. items.Select((v, i) => new InventoryTarget(v.InventoryItemId, location, 10 + i))], ct);

        Assert.All(results, r => Assert.Equal(PushOutcome.Applied, r.Outcome));
        Assert.Equal([10, 11, 12], items.Select(v => emulator.GetAvailable(v.InventoryItemId, location)!.Value));
        Assert.Single(emulator.Requests, r => r.OperationName == "InventoryActivate");
    }
}
