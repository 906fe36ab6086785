using Connectors.Shopify.Internal;

namespace Connectors.Shopify.Tests.Contracts;

public sealed class GraphDocumentsTests
{
    [Fact]
    public void Get_EveryOperation_IsEmbeddedAndNamedAfterItsFile()
    {
        foreach (var operation in GraphDocuments.All)
        {
            var document = GraphDocuments.Get(operation);
            Assert.Matches($@"^(query|mutation) {operation}\(", document);
        }
    }

    [Fact]
    public async Task Validate_InventorySetQuantitiesWithIgnoreCompareQuantity_IsRejectedBy2026Schemas()
    {
        // Proves the validator checks input objects: 2026-01 has no ignoreCompareQuantity on the input.
        var variables = """{"input":{"name":"available","reason":"correction","ignoreCompareQuantity":true,"quantities":[{"inventoryItemId":"gid://shopify/InventoryItem/1","locationId":"gid://shopify/Location/1","quantity":1}]},"idempotencyKey":"k"}""";
        var errors = await ShopifySchemas.ValidateAsync("2026-01", GraphDocuments.Get(GraphDocuments.InventorySetQuantities), variables);
        Assert.NotEmpty(errors);
    }

    [Fact]
    public async Task Validate_MissingRequiredVariable_IsRejected()
    {
        var errors = await ShopifySchemas.ValidateAsync("2026-01", GraphDocuments.Get(GraphDocuments.ProductVariants), "{}");
        Assert.NotEmpty(errors);
    }
}
