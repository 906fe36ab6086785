using System.Text.Json;
using Connectors.Testing.Shopify;

namespace Connectors.Shopify.Tests.EndToEnd;

/// <summary>
/// Compare-and-set inventory and a stable idempotency key (issue 17, defect 8), against an emulator that checks
/// <c>changeFromQuantity</c> ("The changeFromQuantity value does not match persisted value." ->
/// CHANGE_FROM_QUANTITY_STALE) and replays the first result of an <c>@idempotent</c> key.
/// </summary>
public sealed class InventoryCompareAndSetTests
{
    [Fact]
    public async Task PushInventory_AnotherAppChangedTheStock_ConflictIsReReadAndTheQuantitySetFromTheValueRead()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var emulator = await ShopifyEmulator.StartAsync(new ShopifyEmulatorOptions { RestoreRate = 1000 }, ct);
        await using var services = ShopifyTestHost.Build(emulator.BaseAddress, configure: o => o.CompareQuantities = true);
        var channel = services.Channel();
        var location = emulator.AddLocation("Main");
        var item = emulator.AddVariant("SKU-1", 3, location).InventoryItemId;

        var first = await channel.PushInventoryAsync([new InventoryTarget(item, location, 5)], ct);
        emulator.SetAvailable(item, location, 7);
        var second = await channel.PushInventoryAsync([new InventoryTarget(item, location, 6)], ct);

        Assert.Equal(PushOutcome.Applied, Assert.Single(first).Outcome);
        Assert.Equal(PushOutcome.Applied, Assert.Single(second).Outcome);
        Assert.Equal(6, emulator.GetAvailable(item, location));
        // From the level read (3), then from the last push (5, stale: the other app wrote 7), then from the re-read 7.
        Assert.Equal([3, 5, 7], CompareValues(emulator));
    }

    [Fact]
    public async Task PushInventory_WithoutCompareAndSet_SendsChangeFromQuantityNull()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var emulator = await ShopifyEmulator.StartAsync(new ShopifyEmulatorOptions { RestoreRate = 1000 }, ct);
        await using var services = ShopifyTestHost.Build(emulator.BaseAddress);
        var channel = services.Channel();
        var location = emulator.AddLocation("Main");
        var item = emulator.AddVariant("SKU-1", 3, location).InventoryItemId;
        emulator.SetAvailable(item, location, 7);

        var result = await channel.PushInventoryAsync([new InventoryTarget(item, location, 5)], ct);

        Assert.Equal(PushOutcome.Applied, Assert.Single(result).Outcome);
        Assert.Equal([null], CompareValues(emulator));
    }

    [Fact]
    public async Task PushInventory_EngineRetryAfterTheAnswerWasLost_SendsTheSameIdempotencyKey()
    {
        // Shopify: "Duplicate requests must use the same idempotency key" — job retries after a failure included.
        var ct = TestContext.Current.CancellationToken;
        await using var emulator = await ShopifyEmulator.StartAsync(new ShopifyEmulatorOptions { RestoreRate = 1000 }, ct);
        await using var services = ShopifyTestHost.Build(emulator.BaseAddress);
        var channel = services.Channel();
        var location = emulator.AddLocation("Main");
        var item = emulator.AddVariant("SKU-1", 0, location).InventoryItemId;
        emulator.InjectFault(ShopifyEmulatorFault.AnswerLost, 4);

        await Assert.ThrowsAnyAsync<ConnectorException>(() => channel.PushInventoryAsync([new InventoryTarget(item, location, 5)], ct));
        var retry = await channel.PushInventoryAsync([new InventoryTarget(item, location, 5)], ct);
        var again = await channel.PushInventoryAsync([new InventoryTarget(item, location, 5)], ct);

        Assert.Equal(PushOutcome.Applied, Assert.Single(retry).Outcome);
        var keys = emulator.Requests.Where(r => r.OperationName == "InventorySetQuantities")
            .Select(r => JsonDocument.Parse(r.VariablesJson).RootElement.GetProperty("idempotencyKey").GetString())
            .ToArray();
        Assert.True(keys.Length >= 3, $"expected the lost call, the retry and a new call; saw {keys.Length}");
        Assert.Single(keys[..^1].Distinct());
        // Once answered, an identical later push is a new operation with a new key.
        Assert.NotEqual(keys[0], keys[^1]);
        Assert.Equal(PushOutcome.Applied, Assert.Single(again).Outcome);
    }

    private static int?[] CompareValues(ShopifyEmulator emulator) =>
        [.. emulator.Requests.Where(r => r.OperationName == "InventorySetQuantities" && r.Refused is null)
            .Select(r => JsonDocument.Parse(r.VariablesJson).RootElement.GetProperty("input").GetProperty("quantities")[0].GetProperty("changeFromQuantity"))
            .Select(v => v.ValueKind == JsonValueKind.Null ? (int?)null : v.GetInt32())];
}
