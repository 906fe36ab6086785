using System.Globalization;
using Connectors.Shopify.Internal;
using Connectors.Testing.Shopify;

namespace Connectors.Shopify.Tests.EndToEnd;

/// <summary>
/// Issue 20: prices of more products than <see cref="ShopifyOptions.BulkPriceProductThreshold"/> as one bulk mutation
/// (staged JSONL upload, <c>bulkOperationRunMutation</c> of <c>productVariantsBulkUpdate</c>), against the emulator.
/// </summary>
public sealed class BulkPriceTests
{
    private static PriceTarget Target(ShopifyEmulatorVariant variant, decimal amount) =>
        new() { ChannelItemId = variant.InventoryItemId, Price = new ChannelPrice { Amount = new Money(amount, "EUR") } };

    private static async Task<(ShopifyEmulator Emulator, List<ShopifyEmulatorVariant> Variants)> ShopAsync(int products, CancellationToken ct)
    {
        var emulator = await ShopifyEmulator.StartAsync(new ShopifyEmulatorOptions { RestoreRate = 1000 }, ct);
        emulator.BulkOperationDelay = TimeSpan.FromMilliseconds(20);
        var location = emulator.AddLocation("Main");
        var variants = new List<ShopifyEmulatorVariant>();
        for (var i = 0; i < products; i++)
        {
            var first = emulator.AddVariant("P" + i.ToString(CultureInfo.InvariantCulture) + "-A", 1, location);
            variants.Add(first);
            if (i % 4 == 0)
            {
                variants.Add(emulator.AddVariantToProduct(first.ProductId, "P" + i.ToString(CultureInfo.InvariantCulture) + "-B", 1, location));
            }
        }

        return (emulator, variants);
    }

    private static ServiceProviderLike Build(ShopifyEmulator emulator, int threshold) =>
        new(ShopifyTestHost.Build(emulator.BaseAddress, configure: o =>
        {
            o.BulkPriceProductThreshold = threshold;
            o.BulkPollInterval = TimeSpan.FromMilliseconds(10);
        }));

    [Fact]
    public async Task PushPricesAsync_MoreProductsThanTheThreshold_OneStagedBulkMutation_EveryPriceApplied()
    {
        var ct = TestContext.Current.CancellationToken;
        var (emulator, variants) = await ShopAsync(120, ct);
        await using var _ = emulator;
        await using var services = Build(emulator, 100);

        var targets = variants.Select((v, i) => Target(v, 10m + i)).ToList();
        var results = await services.Channel.PushPricesAsync(targets, ct);

        Assert.All(results, r => Assert.Equal(PushOutcome.Applied, r.Outcome));
        Assert.All(variants.Select((v, i) => (v, i)), x => Assert.Equal(10m + x.i, emulator.GetPrice(x.v.VariantId)!.Price));
        var operation = Assert.Single(emulator.BulkOperations);
        Assert.Equal(("MUTATION", "COMPLETED", 120L), (operation.Type, operation.Status, operation.ObjectCount));
        Assert.Equal(1, emulator.StagedUploads);
        Assert.Equal(0, emulator.StagedUploadsWithAccessToken);
        Assert.Equal(0, emulator.BulkDownloadsWithAccessToken);

        // Not one productVariantsBulkUpdate request: the 120 calls ran inside the bulk operation.
        Assert.DoesNotContain(emulator.Requests, r => r.OperationName == GraphDocuments.ProductVariantsBulkUpdate);
    }

    [Fact]
    public async Task PushPricesAsync_AtOrBelowTheThreshold_OneCallPerProduct()
    {
        var ct = TestContext.Current.CancellationToken;
        var (emulator, variants) = await ShopAsync(20, ct);
        await using var _ = emulator;
        await using var services = Build(emulator, 20);

        var results = await services.Channel.PushPricesAsync([.. variants.Select(v => Target(v, 5m))], ct);

        Assert.All(results, r => Assert.Equal(PushOutcome.Applied, r.Outcome));
        Assert.Empty(emulator.BulkOperations);
        Assert.Equal(20, emulator.Requests.Count(r => r.OperationName == GraphDocuments.ProductVariantsBulkUpdate));
    }

    [Fact]
    public async Task PushPricesAsync_OneResultLineWithAUserError_OnlyThatProductsItemsRetried()
    {
        // The product of one item was deleted after its variants were looked up: its line of the result answers
        // PRODUCT_DOES_NOT_EXIST; the lines of the other products are applied.
        var ct = TestContext.Current.CancellationToken;
        var (emulator, variants) = await ShopAsync(12, ct);
        await using var _ = emulator;
        await using var services = Build(emulator, 5);
        var single = variants.Where(v => variants.Count(w => w.ProductId == v.ProductId) == 1).ToList();
        Assert.All(await services.Channel.PushPricesAsync([.. single.Select(v => Target(v, 7m))], ct), r => Assert.Equal(PushOutcome.Applied, r.Outcome));
        var gone = single[3];
        Assert.True(emulator.RemoveVariant(gone.VariantId));

        var results = await services.Channel.PushPricesAsync([.. single.Select(v => Target(v, 8m))], ct);

        var byItem = results.ToDictionary(r => r.Target.ChannelItemId);
        Assert.Equal(PushOutcome.Retry, byItem[gone.InventoryItemId].Outcome);
        Assert.Contains("PRODUCT_DOES_NOT_EXIST", byItem[gone.InventoryItemId].Reason, StringComparison.Ordinal);
        Assert.All(single.Where(v => v != gone), v => Assert.Equal(PushOutcome.Applied, byItem[v.InventoryItemId].Outcome));
        Assert.All(single.Where(v => v != gone), v => Assert.Equal(8m, emulator.GetPrice(v.VariantId)!.Price));
        Assert.Equal(2, emulator.BulkOperations.Count);
    }

    [Fact]
    public async Task PushPricesAsync_BulkMutationFailed_EveryItemRetried_NothingClaimedApplied()
    {
        var ct = TestContext.Current.CancellationToken;
        var (emulator, variants) = await ShopAsync(10, ct);
        await using var _ = emulator;
        await using var services = Build(emulator, 5);
        emulator.FailNextBulkOperation("INTERNAL_SERVER_ERROR");

        var results = await services.Channel.PushPricesAsync([.. variants.Select(v => Target(v, 3m))], ct);

        Assert.All(results, r => Assert.Equal(PushOutcome.Retry, r.Outcome));
        Assert.All(results, r => Assert.Contains("INTERNAL_SERVER_ERROR", r.Reason, StringComparison.Ordinal));
        Assert.Equal("FAILED", Assert.Single(emulator.BulkOperations).Status);
    }

    /// <summary>The channel and its service provider, disposed together.</summary>
    private sealed class ServiceProviderLike(Microsoft.Extensions.DependencyInjection.ServiceProvider services) : IAsyncDisposable
    {
        public ShopifyChannel Channel => services.Channel();

        public ValueTask DisposeAsync() => services.DisposeAsync();
    }
}
