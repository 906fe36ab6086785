using System.Text.RegularExpressions;
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
            Assert.Matches($@"^(query|mutation) {operation}\b", document);
        }
    }

    [Fact]
    public void All_ListsEveryEmbeddedDocument()
    {
        Assert.Equal(GraphDocuments.EmbeddedOperations.Order(StringComparer.Ordinal), GraphDocuments.All.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("Order")]
    [InlineData("Orders")]
    [InlineData("AssignedFulfillmentOrders")]
    public void Get_DocumentSpreadingSharedFragment_AppendsEachFragmentOnceTransitively(string operation)
    {
        var document = GraphDocuments.Get(operation);

        Assert.Single(Regex.Matches(document, @"fragment OrderFields on Order"));
        Assert.Single(Regex.Matches(document, @"fragment AddressFields on MailingAddress"));
        Assert.Single(Regex.Matches(document, @"fragment LineItemFields on LineItem"));
    }

    [Fact]
    public void Get_DocumentWithoutSpreads_AppendsNoFragment()
    {
        Assert.DoesNotContain("fragment ", GraphDocuments.Get(GraphDocuments.TagsAdd), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2026-01")]
    [InlineData("2026-04")]
    public async Task Validate_EveryDocumentWithFragments_HasNoUnknownOrUnusedFragment(string version)
    {
        // Variables are not checked here (SentDocumentsTests does, with the values really sent); only the document rules.
        foreach (var operation in GraphDocuments.All)
        {
            var errors = await ShopifySchemas.ValidateAsync(version, GraphDocuments.Get(operation), "{}");
            Assert.DoesNotContain(errors, e => e.Contains("fragment", StringComparison.OrdinalIgnoreCase));
        }
    }

    [Theory]
    [InlineData("2026-01")]
    [InlineData("2026-04")]
    public async Task Validate_EveryBulkQuery_IsValidAgainstTheSchema(string version)
    {
        // The query of bulkOperationRunQuery is a string variable: the outer document's validation does not reach it.
        foreach (var query in GraphDocuments.BulkQueries)
        {
            var errors = await ShopifySchemas.ValidateAsync(version, GraphDocuments.GetBulkQuery(query), "{}");
            Assert.True(errors.Count == 0, $"{query}: {string.Join(" | ", errors)}");
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

    [Fact]
    public async Task Validate_UnusedFragment_IsRejected()
    {
        // Proves the validator would catch a loader that appended a fragment the operation does not spread.
        var document = GraphDocuments.Get(GraphDocuments.TagsAdd) + "\nfragment Extra on Order { id }";
        var errors = await ShopifySchemas.ValidateAsync("2026-01", document, """{"id":"gid://shopify/Order/1","tags":["a"]}""");
        Assert.NotEmpty(errors);
    }
}
