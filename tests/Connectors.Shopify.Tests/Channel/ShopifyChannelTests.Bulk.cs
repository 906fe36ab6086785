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
}
