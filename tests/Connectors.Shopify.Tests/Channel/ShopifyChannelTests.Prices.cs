using Connectors.Shopify.Internal;
using Connectors.Shopify.Tests.EndToEnd;
using Connectors.Shopify.Tests.Internal;

namespace Connectors.Shopify.Tests.Channel;

public sealed partial class ShopifyChannelTests
{
    private static string PricedItem(long item, long variant, long product) =>
        "{\"id\":\"gid://shopify/InventoryItem/" + item + "\",\"variants\":" + Page(false, null, "{\"id\":\"gid://shopify/ProductVariant/" + variant + "\",\"product\":{\"id\":\"gid://shopify/Product/" + product + "\"}}") + "}";

    [Fact]
    public async Task PushPricesAsync_UserErrorOnOneVariant_TypedRejection_OthersJudgedByTheAnswer()
    {
        // ProductVariantsBulkUpdateUserError: "field: The path to the input field that caused the error." With partial
        // updates the valid variants are kept; each target is judged by what the answer shows for its variant.
        var ct = TestContext.Current.CancellationToken;
        _server.Respond(GraphDocuments.ShopCurrency, """{"shop":{"currencyCode":"EUR"}}""");
        _server.Respond(GraphDocuments.InventoryItemVariants, "{\"nodes\":[" + PricedItem(1, 11, 5) + "," + PricedItem(2, 12, 5) + "," + PricedItem(3, 13, 5) + "]}");
        _server.Respond(GraphDocuments.ProductVariantsBulkUpdate, """
            {"productVariantsBulkUpdate":{
              "productVariants":[
                {"id":"gid://shopify/ProductVariant/11","price":"9.99","compareAtPrice":null},
                {"id":"gid://shopify/ProductVariant/13","price":"13.00","compareAtPrice":null}],
              "userErrors":[{"field":["variants","1","price"],"message":"Price is invalid","code":"INVALID_INPUT"}]}}
            """);
        await using var services = Build();

        var results = await services.Channel().PushPricesAsync(
        [
            new PriceTarget { ChannelItemId = "gid://shopify/InventoryItem/1", Price = new ChannelPrice { Amount = new Money(9.99m, "EUR") } },
            new PriceTarget { ChannelItemId = "gid://shopify/InventoryItem/2", Price = new ChannelPrice { Amount = new Money(12m, "EUR") } },
            new PriceTarget { ChannelItemId = "gid://shopify/InventoryItem/3", Price = new ChannelPrice { Amount = new Money(14m, "EUR") } },
        ], ct);

        Assert.Equal(PushOutcome.Applied, results[0].Outcome);
        Assert.Equal((PushOutcome.Rejected, "INVALID_INPUT"), (results[1].Outcome, results[1].ErrorCode));
        Assert.Contains("variants.1.price", results[1].Reason, StringComparison.Ordinal);
        Assert.Equal((PushOutcome.Rejected, "price_not_applied"), (results[2].Outcome, results[2].ErrorCode));
        var sent = Assert.Single(_server.Sent(GraphDocuments.ProductVariantsBulkUpdate));
        Assert.Equal("gid://shopify/Product/5", sent["productId"]!.GetValue<string>());
        Assert.Equal(["9.99", "12.00", "14.00"], sent["variants"]!.AsArray().Select(v => v!["price"]!.GetValue<string>()));
        Assert.True(sent["variants"]![0]!.AsObject().ContainsKey("compareAtPrice")); // sent as null, so a stale compare-at price is removed
    }
}
