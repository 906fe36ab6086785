using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Connectors.Shopify.Internal;
using Connectors.Testing.Shopify;

namespace Connectors.Shopify.Tests.EndToEnd;

/// <summary>
/// Full reads through a bulk operation (issue 17, item 9) against the emulator's <c>bulkOperationRunQuery</c>, written
/// from Shopify's bulk rules: the same catalogue, listings and levels as the paged read, from one JSONL file.
/// </summary>
public sealed class BulkReadTests
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(10);

    private static async Task<(string Main, string Second)> StockAsync(ShopifyEmulator emulator, int variants)
    {
        var main = emulator.AddLocation("Main");
        var second = emulator.AddLocation("Second");
        for (var i = 0; i < variants; i++)
        {
            var sku = "SKU-" + i.ToString(CultureInfo.InvariantCulture);
            var variant = emulator.AddVariant(sku, i % 7, main);
            emulator.SetAvailable(variant.InventoryItemId, second, i % 5);
            if (i % 10 == 3)
            {
                emulator.SetProductStatus(variant.VariantId, "DRAFT");
            }
        }

        await Task.CompletedTask;
        return (main, second);
    }

    private static string Item(ChannelItem i) => $"{i.ChannelItemId}|{i.Sku}|{i.Title}|{i.ParentId}|{i.TracksInventory}|{string.Join(',', (i.Attributes ?? new Dictionary<string, string>()).OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => a.Key + "=" + a.Value))}";

    private static string Listing(ChannelListing l) => $"{l.ChannelItemId}|{l.ListingId}|{l.Sku}|{l.Title}|{l.Status}|{l.PlatformStatus}|{l.Quantity}";

    private static string Level(ChannelInventoryLevel l) => $"{l.ChannelItemId}@{l.LocationId}={l.Available}";

    [Fact]
    public async Task BulkRead_3000VariantsAtTwoLocations_SameCatalogueListingsAndLevelsAsPagedRead_FromOneFileEach()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var emulator = await ShopifyEmulator.StartAsync(new ShopifyEmulatorOptions { BucketSize = 2000, RestoreRate = 1000 }, ct);
        await StockAsync(emulator, 3000);
        await using var paged = ShopifyTestHost.Build(emulator.BaseAddress, configure: o => o.BulkRead = ShopifyBulkReadMode.Never);
        var pagedItems = (await paged.Channel().ListItemsAsync(ct).ToListAsync(ct)).Select(Item).Order(StringComparer.Ordinal).ToList();
        var pagedListings = (await paged.Channel().ListListingsAsync(ct).ToListAsync(ct)).Select(Listing).Order(StringComparer.Ordinal).ToList();
        var pagedLevels = (await paged.Channel().ReadInventoryAsync(null, ct).ToListAsync(ct)).Select(Level).Order(StringComparer.Ordinal).ToList();
        var pagedCalls = emulator.Calls;

        await using var bulk = ShopifyTestHost.Build(emulator.BaseAddress, configure: o => { o.BulkRead = ShopifyBulkReadMode.Always; o.BulkPollInterval = Poll; });
        var bulkItems = (await bulk.Channel().ListItemsAsync(ct).ToListAsync(ct)).Select(Item).Order(StringComparer.Ordinal).ToList();
        var bulkListings = (await bulk.Channel().ListListingsAsync(ct).ToListAsync(ct)).Select(Listing).Order(StringComparer.Ordinal).ToList();
        var bulkLevels = (await bulk.Channel().ReadInventoryAsync(null, ct).ToListAsync(ct)).Select(Level).Order(StringComparer.Ordinal).ToList();
        var bulkCalls = emulator.Calls - pagedCalls;

        Assert.Equal(3000, pagedItems.Count);
        Assert.Equal(6000, pagedLevels.Count);
        Assert.Equal(pagedItems, bulkItems);
        Assert.Equal(pagedListings, bulkListings);
        Assert.Equal(pagedLevels, bulkLevels);

        // One file per read, fetched without the shop's token; no page of the paged queries was asked for. The paged
        // reads took at least 12 catalogue pages each; the bulk reads a run and a few polls each.
        Assert.Equal(3, emulator.BulkDownloads);
        Assert.Equal(0, emulator.BulkDownloadsWithAccessToken);
        Assert.All(emulator.BulkOperations, o => Assert.Equal("COMPLETED", o.Status));
        Assert.DoesNotContain(emulator.Requests.Skip((int)pagedCalls), r => r.OperationName is GraphDocuments.ProductVariants or GraphDocuments.InventoryLevels or GraphDocuments.InventoryItemLevels);
        TestContext.Current.TestOutputHelper?.WriteLine($"GraphQL requests for catalogue + listings + levels of 3,000 variants / 6,000 levels: paged {pagedCalls}, bulk {bulkCalls} (+3 file downloads).");
        Assert.True(pagedCalls >= 24, $"paged reads made {pagedCalls} calls");
        Assert.True(bulkCalls <= 3 * 12, $"bulk reads made {bulkCalls} calls");
    }

    [Theory]
    [InlineData(5, true)]
    [InlineData(6, false)]
    public async Task ListItemsAsync_Auto_BulkOnlyWhenTheShopHasMoreVariantsThanTheThreshold(int threshold, bool bulk)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var emulator = await ShopifyEmulator.StartAsync(new ShopifyEmulatorOptions { RestoreRate = 1000 }, ct);
        await StockAsync(emulator, 6);
        await using var services = ShopifyTestHost.Build(emulator.BaseAddress, configure: o => { o.BulkReadThreshold = threshold; o.BulkPollInterval = Poll; });

        var items = await services.Channel().ListItemsAsync(ct).ToListAsync(ct);

        Assert.Equal(6, items.Count);
        Assert.Equal(bulk ? 1 : 0, emulator.BulkOperations.Count);
        Assert.Equal(bulk ? 0 : 1, emulator.Requests.Count(r => r.OperationName == GraphDocuments.ProductVariants));
        var count = Assert.Single(emulator.Requests, r => r.OperationName == GraphDocuments.ProductVariantsCount);
        Assert.Contains($"\"limit\":{threshold + 1}", count.VariablesJson, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("INTERNAL_SERVER_ERROR", true)]
    [InlineData("ACCESS_DENIED", false)]
    public async Task ReadInventoryAsync_BulkOperationFailed_TypedErrorWithTheCode_PartialDataNotRead(string errorCode, bool transient)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var emulator = await ShopifyEmulator.StartAsync(new ShopifyEmulatorOptions { RestoreRate = 1000 }, ct);
        await StockAsync(emulator, 40);
        emulator.FailNextBulkOperation(errorCode, partialData: true);
        await using var services = ShopifyTestHost.Build(emulator.BaseAddress, configure: o => { o.BulkRead = ShopifyBulkReadMode.Always; o.BulkPollInterval = Poll; });

        var levels = new List<ChannelInventoryLevel>();
        var error = await Assert.ThrowsAsync<ShopifyBulkOperationException>(async () =>
        {
            await foreach (var level in services.Channel().ReadInventoryAsync(null, ct))
            {
                levels.Add(level);
            }
        });

        Assert.Empty(levels);
        Assert.Equal((errorCode, "FAILED", true, transient), (error.ErrorCode, error.Status, error.HasPartialData, error.IsTransient));
        Assert.Equal(emulator.BulkOperations[0].Id, error.OperationId);
        Assert.Equal(0, emulator.BulkDownloads);
    }

    [Theory]
    [InlineData("2026-01")]
    [InlineData("2026-04")]
    public async Task ListItemsAsync_ShopAtItsLimitOfRunningBulkQueries_FallsBackToPagedRead_Complete(string version)
    {
        // Guide: "In API versions 2026-01 and higher, you can run up to five bulk query operations at a time per shop."
        var ct = TestContext.Current.CancellationToken;
        await using var emulator = await ShopifyEmulator.StartAsync(new ShopifyEmulatorOptions { RestoreRate = 1000 }, ct);
        await StockAsync(emulator, 300);
        emulator.HoldBulkOperations = true;
        using var other = new HttpClient { BaseAddress = emulator.BaseAddress };
        other.DefaultRequestHeaders.Add("X-Shopify-Access-Token", emulator.Options.AccessToken);
        for (var i = 0; i < 5; i++)
        {
            var started = await RunAsync(other, version, "{ products { edges { node { id } } } }", ct);
            Assert.Empty(started["userErrors"]!.AsArray());
        }

        var refused = await RunAsync(other, version, "{ products { edges { node { id } } } }", ct);
        Assert.Equal("LIMIT_REACHED", refused["userErrors"]![0]!["code"]!.GetValue<string>());
        await using var services = ShopifyTestHost.Build(emulator.BaseAddress, version, o => { o.BulkRead = ShopifyBulkReadMode.Always; o.BulkPollInterval = Poll; });

        var items = await services.Channel().ListItemsAsync(ct).ToListAsync(ct);

        Assert.Equal(300, items.Select(i => i.Sku).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(7, emulator.Requests.Count(r => r.Query.Contains("bulkOperationRunQuery(", StringComparison.Ordinal)));
        Assert.True(emulator.Requests.Count(r => r.OperationName == GraphDocuments.ProductVariants) >= 2);
        emulator.HoldBulkOperations = false;
    }

    [Theory]
    [InlineData("{ productVariants { edges { node { id } } } products { edges { node { id } } } }", "single top-level field")]
    [InlineData("{ shop { id name } }", "at least one connection")]
    [InlineData("{ products { edges { node { id variants { edges { node { id inventoryItem { inventoryLevels { edges { node { id location { id } } } } } } } } } } } }", "nesting depth")]
    [InlineData("{ products { edges { node { id variants { edges { node { id } } } collections { edges { node { id } } } media { edges { node { id } } } metafields { edges { node { id } } } sellingPlanGroups { edges { node { id } } } } } } }", "more than 5 connections")]
    [InlineData("{ nodes(ids: [\"gid://shopify/Product/1\"]) { id } }", "top-level 'nodes'")]
    [InlineData("{ products { edges { node { id notAField } } } }", "Invalid bulk query")]
    public async Task BulkOperationRunQuery_QueryBreakingShopifysBulkRules_RefusedWithInvalid(string query, string reason)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var emulator = await ShopifyEmulator.StartAsync(cancellationToken: ct);
        using var client = new HttpClient { BaseAddress = emulator.BaseAddress };
        client.DefaultRequestHeaders.Add("X-Shopify-Access-Token", emulator.Options.AccessToken);

        var payload = await RunAsync(client, "2026-01", query, ct);

        Assert.Null(payload["bulkOperation"]);
        var error = payload["userErrors"]![0]!;
        Assert.Equal("INVALID", error["code"]!.GetValue<string>());
        Assert.Contains(reason, error["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(emulator.BulkOperations);
    }

    [Fact]
    public async Task ListItemsAsync_BulkOperationStillRunningAfterTheTimeout_TypedTransientErrorNamingTheStatus()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var emulator = await ShopifyEmulator.StartAsync(new ShopifyEmulatorOptions { RestoreRate = 1000 }, ct);
        await StockAsync(emulator, 3);
        emulator.HoldBulkOperations = true;
        await using var services = ShopifyTestHost.Build(emulator.BaseAddress, configure: o =>
        {
            o.BulkRead = ShopifyBulkReadMode.Always;
            o.BulkPollInterval = TimeSpan.FromMilliseconds(50);
            o.BulkMaxPollInterval = TimeSpan.FromMilliseconds(200);
            o.BulkOperationTimeout = TimeSpan.FromSeconds(1);
        });

        var error = await Assert.ThrowsAsync<ShopifyBulkOperationException>(async () => await services.Channel().ListItemsAsync(ct).ToListAsync(ct));

        Assert.Equal("RUNNING", error.Status);
        Assert.True(error.IsTransient);
        Assert.Contains("BulkOperationTimeout", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, emulator.BulkDownloads);
        emulator.HoldBulkOperations = false;
    }

    [Fact]
    public async Task BulkQuery_GroupObjects_EachChildDirectlyBelowItsParent()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var emulator = await ShopifyEmulator.StartAsync(new ShopifyEmulatorOptions { RestoreRate = 1000 }, ct);
        await StockAsync(emulator, 4);
        emulator.BulkOperationDelay = TimeSpan.FromMilliseconds(1);
        using var client = new HttpClient { BaseAddress = emulator.BaseAddress };
        client.DefaultRequestHeaders.Add("X-Shopify-Access-Token", emulator.Options.AccessToken);

        var started = (await PostAsync(client, "2026-01", "mutation($q: String!) { bulkOperationRunQuery(query: $q, groupObjects: true) { bulkOperation { id } userErrors { message } } }", new JsonObject { ["q"] = "{ inventoryItems { edges { node { id inventoryLevels { edges { node { location { id } } } } } } } }" }, ct))["bulkOperationRunQuery"]!;
        var lines = await ResultLinesAsync(client, started["bulkOperation"]!["id"]!.GetValue<string>(), ct);

        string? parent = null;
        foreach (var line in lines)
        {
            if (line["__parentId"] is { } of)
            {
                Assert.Equal(parent, of.GetValue<string>());
            }
            else
            {
                parent = line["id"]!.GetValue<string>();
            }
        }

        Assert.Equal(12, lines.Count);
    }

    [Theory]
    [InlineData("NO_SUCH_FILE", "tmp/none/prices.jsonl", "mutation M($productId: ID!, $variants: [ProductVariantsBulkInput!]!) { productVariantsBulkUpdate(productId: $productId, variants: $variants) { userErrors { message } } }")]
    [InlineData("INVALID_MUTATION", null, "query Q { shop { id } }")]
    [InlineData("INVALID_MUTATION", null, "mutation M($productId: ID!, $variants: [ProductVariantsBulkInput!]!) { productVariantsBulkUpdate(productId: $productId, variants: $variants) { notAField } }")]
    public async Task BulkOperationRunMutation_MissingFileOrInvalidMutation_RefusedWithTheDocumentedCode(string code, string? path, string mutation)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var emulator = await ShopifyEmulator.StartAsync(cancellationToken: ct);
        using var client = new HttpClient { BaseAddress = emulator.BaseAddress };
        client.DefaultRequestHeaders.Add("X-Shopify-Access-Token", emulator.Options.AccessToken);
        if (path is null)
        {
            // A staged file with one valid line of variables, uploaded as the target asks.
            var staged = (await PostAsync(client, "2026-01", "mutation($i: [StagedUploadInput!]!) { stagedUploadsCreate(input: $i) { stagedTargets { url parameters { name value } } userErrors { message } } }", new JsonObject { ["i"] = new JsonArray(new JsonObject { ["resource"] = "BULK_MUTATION_VARIABLES", ["filename"] = "v.jsonl", ["mimeType"] = "text/jsonl", ["httpMethod"] = "POST" }) }, ct))["stagedUploadsCreate"]!["stagedTargets"]![0]!;
            using var form = new MultipartFormDataContent();
            foreach (var parameter in staged["parameters"]!.AsArray())
            {
                form.Add(new StringContent(parameter!["value"]!.GetValue<string>()), parameter["name"]!.GetValue<string>());
            }

            form.Add(new ByteArrayContent("{\"productId\":\"gid://shopify/Product/1\",\"variants\":[]}\n"u8.ToArray()), "file", "v.jsonl");
            using var upload = new HttpClient();
            Assert.Equal(System.Net.HttpStatusCode.Created, (await upload.PostAsync(new Uri(staged["url"]!.GetValue<string>()), form, ct)).StatusCode);
            path = staged["parameters"]!.AsArray().First(p => p!["name"]!.GetValue<string>() == "key")!["value"]!.GetValue<string>();
        }

        var payload = (await PostAsync(client, "2026-01", "mutation($m: String!, $p: String!) { bulkOperationRunMutation(mutation: $m, stagedUploadPath: $p) { bulkOperation { id } userErrors { message code } } }", new JsonObject { ["m"] = mutation, ["p"] = path }, ct))["bulkOperationRunMutation"]!;

        Assert.Null(payload["bulkOperation"]);
        Assert.Equal(code, payload["userErrors"]![0]!["code"]!.GetValue<string>());
        Assert.Empty(emulator.BulkOperations);
    }

    private static async Task<List<JsonObject>> ResultLinesAsync(HttpClient client, string id, CancellationToken ct)
    {
        JsonNode? operation;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        do
        {
            Assert.True(DateTime.UtcNow < deadline, $"bulk operation {id} did not complete within 30 s");
            await Task.Delay(5, ct);
            operation = (await PostAsync(client, "2026-01", "query($id: ID!) { bulkOperation(id: $id) { status url } }", new JsonObject { ["id"] = id }, ct))["bulkOperation"];
        }
        while (operation!["status"]!.GetValue<string>() is not "COMPLETED");
        return [.. (await client.GetStringAsync(new Uri(operation["url"]!.GetValue<string>()), ct)).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!.AsObject())];
    }

    [Fact]
    public async Task BulkQuery_UngroupedOutput_ChildrenOfSeveralParentsInterleaved_EachWithItsParentId()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var emulator = await ShopifyEmulator.StartAsync(new ShopifyEmulatorOptions { RestoreRate = 1000 }, ct);
        await StockAsync(emulator, 4);
        emulator.BulkOperationDelay = TimeSpan.FromMilliseconds(1);
        using var client = new HttpClient { BaseAddress = emulator.BaseAddress };
        client.DefaultRequestHeaders.Add("X-Shopify-Access-Token", emulator.Options.AccessToken);

        var started = await RunAsync(client, "2026-01", "{ inventoryItems { edges { node { id inventoryLevels { edges { node { location { id } quantities(names: [\"available\"]) { name quantity } } } } } } } }", ct);
        var id = started["bulkOperation"]!["id"]!.GetValue<string>();
        JsonNode? operation;
        do
        {
            await Task.Delay(5, ct);
            operation = (await PostAsync(client, "2026-01", "query($id: ID!) { bulkOperation(id: $id) { status url objectCount rootObjectCount fileSize } }", new JsonObject { ["id"] = id }, ct))["bulkOperation"];
        }
        while (operation!["status"]!.GetValue<string>() is not "COMPLETED");
        var lines = (await client.GetStringAsync(new Uri(operation["url"]!.GetValue<string>()), ct)).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!.AsObject()).ToList();

        Assert.Equal(("12", "4"), (operation["objectCount"]!.GetValue<string>(), operation["rootObjectCount"]!.GetValue<string>()));
        Assert.Equal(4, lines.Count(l => !l.ContainsKey("__parentId")));
        var parents = lines.Where(l => l.ContainsKey("__parentId")).Select(l => l["__parentId"]!.GetValue<string>()).ToList();
        Assert.Equal(8, parents.Count);
        Assert.NotEqual(parents[0], parents[1]);
        Assert.All(lines.Where(l => l.ContainsKey("__parentId")), l => Assert.Equal("available", Assert.Single(l["quantities"]!.AsArray())!["name"]!.GetValue<string>()));
    }

    private static async Task<JsonObject> RunAsync(HttpClient client, string version, string query, CancellationToken ct) =>
        (await PostAsync(client, version, "mutation($q: String!) { bulkOperationRunQuery(query: $q) { bulkOperation { id status } userErrors { field message code } } }", new JsonObject { ["q"] = query }, ct))["bulkOperationRunQuery"]!.AsObject();

    private static async Task<JsonObject> PostAsync(HttpClient client, string version, string document, JsonObject variables, CancellationToken ct)
    {
        using var response = await client.PostAsJsonAsync($"admin/api/{version}/graphql.json", new JsonObject { ["query"] = document, ["variables"] = variables }, ct);
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>(ct))!;
        return body["data"]?.AsObject() ?? throw new InvalidOperationException(body.ToJsonString());
    }
}
