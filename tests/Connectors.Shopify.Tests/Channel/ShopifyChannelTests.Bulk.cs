using System.Text;
using Connectors.Shopify.Internal;
using Connectors.Shopify.Tests.EndToEnd;
using Connectors.Shopify.Tests.Internal;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace Connectors.Shopify.Tests.Channel;

/// <summary>The bulk read's JSONL handling (issue 17, item 9) against a hand-written result file.</summary>
public sealed partial class ShopifyChannelTests
{
    private void RespondBulk(string jsonl, long? fileSize = null, string path = "/bulk/result.jsonl")
    {
        _server.Respond(GraphDocuments.BulkOperationRunQuery, """{"bulkOperationRunQuery":{"bulkOperation":{"id":"gid://shopify/BulkOperation/7","status":"CREATED"},"userErrors":[]}}""");
        var size = fileSize ?? Encoding.UTF8.GetByteCount(jsonl);
        _server.Respond(
            GraphDocuments.BulkOperation,
            "{\"bulkOperation\":{\"id\":\"gid://shopify/BulkOperation/7\",\"status\":\"COMPLETED\",\"errorCode\":null,\"objectCount\":\"7\",\"rootObjectCount\":\"3\",\"fileSize\":\""
            + size + "\",\"url\":\"" + _server.Urls[0] + path + "?sig=x\",\"partialDataUrl\":null}}");
        _server.Given(Request.Create().WithPath(path).UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/jsonl").WithBody(jsonl));
    }

    [Fact]
    public async Task ReadInventoryAsync_BulkLinesOfSeveralParentsInterleavedAndAChildBeforeItsParent_EachLevelJoinedToItsItem()
    {
        // groupObjects defaults to false from 2026-01 ("Enabling grouping slows down bulk operations"): children are not
        // placed under their parents, so levels of items 1, 2 and 3 arrive mixed, and one before its item's line.
        var ct = TestContext.Current.CancellationToken;
        RespondBulk("""
            {"id":"gid://shopify/InventoryItem/1"}
            {"id":"gid://shopify/InventoryItem/2"}
            {"location":{"id":"gid://shopify/Location/20"},"quantities":[{"name":"available","quantity":5}],"__parentId":"gid://shopify/InventoryItem/2"}
            {"location":{"id":"gid://shopify/Location/10"},"quantities":[{"name":"available","quantity":1}],"__parentId":"gid://shopify/InventoryItem/1"}
            {"location":{"id":"gid://shopify/Location/30"},"quantities":[{"name":"available","quantity":9}],"__parentId":"gid://shopify/InventoryItem/3"}
            {"location":{"id":"gid://shopify/Location/10"},"quantities":[{"name":"available","quantity":4}],"__parentId":"gid://shopify/InventoryItem/2"}
            {"id":"gid://shopify/InventoryItem/3"}

            """.ReplaceLineEndings("\n"));
        await using var services = Build(o => { o.BulkRead = ShopifyBulkReadMode.Always; o.BulkPollInterval = TimeSpan.FromMilliseconds(5); });

        var levels = await services.Channel().ReadInventoryAsync(null, ct).ToListAsync(ct);

        Assert.Equal(
            ["1@10=1", "2@10=4", "2@20=5", "3@30=9"],
            levels.Select(l => $"{l.ChannelItemId[^1]}@{l.LocationId[^2..]}={l.Available}").Order(StringComparer.Ordinal));
        Assert.Empty(_server.Sent(GraphDocuments.InventoryLevels));
        var run = Assert.Single(_server.Sent(GraphDocuments.BulkOperationRunQuery));
        Assert.Contains("inventoryLevels", run["query"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListItemsAsync_BulkFileShorterThanFileSize_ThrowsInsteadOfReturningAPartialCatalogue()
    {
        var ct = TestContext.Current.CancellationToken;
        var line = """{"id":"gid://shopify/ProductVariant/1","sku":"A","title":"A","inventoryItem":{"id":"gid://shopify/InventoryItem/1","tracked":true}}""" + "\n";
        RespondBulk(line, fileSize: (line.Length * 2) + 10);
        await using var services = Build(o => { o.BulkRead = ShopifyBulkReadMode.Always; o.BulkPollInterval = TimeSpan.FromMilliseconds(5); });

        var items = new List<ChannelItem>();
        var error = await Assert.ThrowsAsync<ShopifyBulkOperationException>(async () =>
        {
            await foreach (var item in services.Channel().ListItemsAsync(ct))
            {
                items.Add(item);
            }
        });

        Assert.Contains("download was cut", error.Message, StringComparison.Ordinal);
        Assert.True(error.IsTransient);
        Assert.Single(items);
    }

    [Fact]
    public async Task ListItemsAsync_BulkLineNotJson_TypedErrorNamingTheLine()
    {
        var ct = TestContext.Current.CancellationToken;
        RespondBulk("""{"id":"gid://shopify/ProductVariant/1","sku":"A"}""" + "\n" + """{"id":"gid://shopify/Product""" + "\n");
        await using var services = Build(o => { o.BulkRead = ShopifyBulkReadMode.Always; o.BulkPollInterval = TimeSpan.FromMilliseconds(5); });

        var error = await Assert.ThrowsAsync<ShopifyBulkOperationException>(async () => await services.Channel().ListItemsAsync(ct).ToListAsync(ct));

        Assert.Contains("line 2", error.Message, StringComparison.Ordinal);
        Assert.Equal("MALFORMED_RESPONSE", error.ErrorCode);
    }

    [Fact]
    public async Task ListItemsAsync_BulkRunRefusedAsInvalid_TypedNonTransientError()
    {
        var ct = TestContext.Current.CancellationToken;
        _server.Respond(GraphDocuments.BulkOperationRunQuery, """{"bulkOperationRunQuery":{"bulkOperation":null,"userErrors":[{"field":["query"],"message":"Invalid bulk query","code":"INVALID"}]}}""");
        await using var services = Build(o => o.BulkRead = ShopifyBulkReadMode.Always);

        var error = await Assert.ThrowsAsync<ShopifyBulkOperationException>(async () => await services.Channel().ListItemsAsync(ct).ToListAsync(ct));

        Assert.Equal("INVALID", error.ErrorCode);
        Assert.False(error.IsTransient);
        Assert.Empty(_server.Sent(GraphDocuments.ProductVariants));
    }

    [Fact]
    public async Task PushPricesAsync_ShopAtItsLimitOfBulkMutations_FallsBackToOneCallPerProduct()
    {
        // BulkMutationErrorCode.LIMIT_REACHED: "Bulk operations limit reached. Please try again later."
        var ct = TestContext.Current.CancellationToken;
        _server.Respond(GraphDocuments.ShopCurrency, """{"shop":{"currencyCode":"EUR"}}""");
        _server.Respond(GraphDocuments.InventoryItemVariants, "{\"nodes\":[" + PricedItem(1, 11, 5) + "," + PricedItem(2, 12, 6) + "]}");
        _server.Respond(
            GraphDocuments.StagedUploadsCreate,
            "{\"stagedUploadsCreate\":{\"stagedTargets\":[{\"url\":\"" + _server.Urls[0] + "/upload\",\"resourceUrl\":null,\"parameters\":[{\"name\":\"key\",\"value\":\"tmp/1/bulk/x/prices.jsonl\"},{\"name\":\"policy\",\"value\":\"p\"}]}],\"userErrors\":[]}}");
        _server.Given(Request.Create().WithPath("/upload").UsingPost()).RespondWith(Response.Create().WithStatusCode(201));
        _server.Respond(GraphDocuments.BulkOperationRunMutation, """{"bulkOperationRunMutation":{"bulkOperation":null,"userErrors":[{"field":null,"message":"Bulk operations limit reached. Please try again later.","code":"LIMIT_REACHED"}]}}""");
        _server.Respond(GraphDocuments.ProductVariantsBulkUpdate, """{"productVariantsBulkUpdate":{"productVariants":[{"id":"gid://shopify/ProductVariant/11","price":"9.00","compareAtPrice":null}],"userErrors":[]}}""", "ProductVariant/11");
        _server.Respond(GraphDocuments.ProductVariantsBulkUpdate, """{"productVariantsBulkUpdate":{"productVariants":[{"id":"gid://shopify/ProductVariant/12","price":"9.00","compareAtPrice":null}],"userErrors":[]}}""", "ProductVariant/12");
        await using var services = Build(o => o.BulkPriceProductThreshold = 1);

        var results = await services.Channel().PushPricesAsync(
        [
            new PriceTarget { ChannelItemId = "gid://shopify/InventoryItem/1", Price = new ChannelPrice { Amount = new Money(9m, "EUR") } },
            new PriceTarget { ChannelItemId = "gid://shopify/InventoryItem/2", Price = new ChannelPrice { Amount = new Money(9m, "EUR") } },
        ], ct);

        Assert.All(results, r => Assert.Equal(PushOutcome.Applied, r.Outcome));
        Assert.Single(_server.Sent(GraphDocuments.BulkOperationRunMutation));
        Assert.Equal(2, _server.Sent(GraphDocuments.ProductVariantsBulkUpdate).Count);
        var upload = Assert.Single(_server.LogEntries, e => e.RequestMessage.Path == "/upload");
        Assert.False(upload.RequestMessage.Headers!.ContainsKey("X-Shopify-Access-Token"));
        Assert.Contains("gid://shopify/ProductVariant/12", upload.RequestMessage.Body, StringComparison.Ordinal);
    }
}
