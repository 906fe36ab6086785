using Connectors.Shopify.Internal;
using Connectors.Shopify.Tests.EndToEnd;
using Connectors.Shopify.Tests.Internal;

namespace Connectors.Shopify.Tests.Channel;

public sealed partial class ShopifyChannelTests
{
    private static string ListedProduct(long product, string status, params (long Variant, long Item, string Sku, int Quantity)[] variants) =>
        "{\"product\":{\"id\":\"gid://shopify/Product/" + product + "\",\"status\":\"" + status + "\",\"variants\":" + Page(false, null, [.. variants.Select(v =>
            "{\"id\":\"gid://shopify/ProductVariant/" + v.Variant + "\",\"sku\":\"" + v.Sku + "\",\"displayName\":\"" + v.Sku + "\",\"inventoryQuantity\":" + v.Quantity
            + ",\"inventoryPolicy\":\"DENY\",\"inventoryItem\":{\"id\":\"gid://shopify/InventoryItem/" + v.Item + "\",\"tracked\":true}}")]) + "}}";

    private static ChannelListing Listed(long item, long product) => new()
    {
        ChannelItemId = "gid://shopify/InventoryItem/" + item,
        ListingId = "gid://shopify/Product/" + product,
        Status = ListingStatus.Active,
    };

    [Fact]
    public async Task DeactivateListingsAsync_UserErrors_EachListingOfTheProductRejectedWithShopifysMessage()
    {
        // ProductUpdatePayload.userErrors is [UserError!]! (field, message): the product's listings carry Shopify's words.
        var ct = TestContext.Current.CancellationToken;
        _server.Respond(GraphDocuments.ProductListingStatus, ListedProduct(5, "ACTIVE", (51, 1, "A-1", 3), (52, 2, "A-2", 0)), "Product/5");
        _server.Respond(GraphDocuments.ProductListingStatus, ListedProduct(6, "ACTIVE", (61, 3, "B-1", 4)), "Product/6");
        _server.Respond(GraphDocuments.ProductStatusUpdate, """
            {"productUpdate":{"product":null,"userErrors":[{"field":["status"],"message":"Product can't be archived while it has pending transfers"}]}}
            """, "Product/5");
        _server.Respond(GraphDocuments.ProductStatusUpdate, """
            {"productUpdate":{"product":{"id":"gid://shopify/Product/6","status":"ARCHIVED"},"userErrors":[]}}
            """, "Product/6");
        await using var services = Build();

        var results = await services.Channel().DeactivateListingsAsync([Listed(1, 5), Listed(2, 5), Listed(3, 6)], ct);

        Assert.Equal([PushOutcome.Rejected, PushOutcome.Rejected, PushOutcome.Applied], results.Select(r => r.Outcome));
        Assert.All(results.Take(2), r => Assert.Contains("pending transfers (field status)", r.Reason, StringComparison.Ordinal));
        var sent = _server.Sent(GraphDocuments.ProductStatusUpdate);
        Assert.Equal(2, sent.Count);
        Assert.All(sent, v => Assert.Equal("ARCHIVED", v["product"]!["status"]!.GetValue<string>()));
    }

    [Fact]
    public async Task DeactivateListingsAsync_AnswerShowsAnotherStatus_RejectedNamingIt()
    {
        var ct = TestContext.Current.CancellationToken;
        _server.Respond(GraphDocuments.ProductListingStatus, ListedProduct(5, "ACTIVE", (51, 1, "A-1", 3)));
        _server.Respond(GraphDocuments.ProductStatusUpdate, """
            {"productUpdate":{"product":{"id":"gid://shopify/Product/5","status":"ACTIVE"},"userErrors":[]}}
            """);
        await using var services = Build();

        var result = Assert.Single(await services.Channel().DeactivateListingsAsync([Listed(1, 5)], ct));

        Assert.Equal(PushOutcome.Rejected, result.Outcome);
        Assert.Contains("answered 'ACTIVE'", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeactivateListingsAsync_ProductGone_RejectedWithoutAWrite()
    {
        var ct = TestContext.Current.CancellationToken;
        _server.Respond(GraphDocuments.ProductListingStatus, """{"product":null}""");
        await using var services = Build();

        var result = Assert.Single(await services.Channel().DeactivateListingsAsync([Listed(1, 5)], ct));

        Assert.Equal(PushOutcome.Rejected, result.Outcome);
        Assert.Contains("gid://shopify/Product/5 is not in the shop", result.Reason, StringComparison.Ordinal);
        Assert.Empty(_server.Sent(GraphDocuments.ProductStatusUpdate));
    }
}
