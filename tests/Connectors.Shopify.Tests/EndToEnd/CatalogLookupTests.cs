using Connectors.Shopify.Internal;
using Connectors.Testing.Shopify;

namespace Connectors.Shopify.Tests.EndToEnd;

/// <summary>SKU lookup without a catalogue scan (issue 17, item 9): <c>productVariants(query: "sku:…")</c>.</summary>
public sealed class CatalogLookupTests
{
    [Fact]
    public async Task FindItemsBySku_ThreeOf300Variants_OneSearchQueryAndOnlyExactMatches()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var emulator = await ShopifyEmulator.StartAsync(new ShopifyEmulatorOptions { RestoreRate = 1000 }, ct);
        await using var services = ShopifyTestHost.Build(emulator.BaseAddress);
        IShopifyAdministration admin = services.Channel();
        emulator.AddLocation("Main");
        for (var i = 0; i < 300; i++)
        {
            emulator.AddVariant("SKU-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        var odd = emulator.AddVariant("ODD \"SKU\\1");

        var found = await admin.FindItemsBySkuAsync(["SKU-7", "SKU-250", "NOPE", "ODD \"SKU\\1"], ct);

        Assert.Equal(["ODD \"SKU\\1", "SKU-250", "SKU-7"], found.Select(i => i.Sku!).Order(StringComparer.Ordinal));
        Assert.Equal(odd.InventoryItemId, found.Single(i => i.Sku!.StartsWith("ODD", StringComparison.Ordinal)).ChannelItemId);
        var request = Assert.Single(emulator.Requests, r => r.OperationName == GraphDocuments.ProductVariants);
        Assert.Contains("sku:", request.VariablesJson, StringComparison.Ordinal);
    }

    [Fact]
    public void SkuTerm_QuoteAndBackslash_AreEscaped()
    {
        Assert.Equal("sku:\"A\\\"B\\\\C\"", ShopifyChannel.SkuTerm("A\"B\\C"));
    }
}
