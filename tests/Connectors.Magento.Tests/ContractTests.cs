using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Connectors.Testing;
using Connectors.Testing.Magento;

namespace Connectors.Magento.Tests;

/// <summary>The checker used on every request can fail, and the emulator's answers conform to the published schemas.</summary>
public sealed class ContractTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Check_FieldTheSchemaDoesNotName_IsAProblemInBothVersions()
    {
        var request = new MagentoEmulatorRequest
        {
            Method = "POST",
            Path = "/V1/inventory/source-items",
            Query = [],
            Body = """{"sourceItems":[{"sku":"A","source_code":"default","quantity":1,"status":1,"qty":1}]}""",
        };

        foreach (var contract in await OpenApiContract.AllAsync())
        {
            Assert.Contains(contract.Check(request), p => p.Contains("$.sourceItems[0].qty is not in the schema", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Check_TrackWithoutCarrierCodeAndWrongTypes_AreProblems()
    {
        var request = new MagentoEmulatorRequest
        {
            Method = "POST",
            Path = "/V1/order/12/ship",
            Query = [],
            Body = """{"items":[{"order_item_id":"x","qty":1}],"tracks":[{"track_number":"1Z","title":"UPS"}]}""",
        };

        var problems = (await OpenApiContract.AllAsync())[1].Check(request);

        Assert.Contains(problems, p => p.Contains("$.tracks[0].carrier_code is required", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("$.items[0].order_item_id should be an integer", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Check_UnknownPathMethodOrQueryParameter_AreProblems()
    {
        var contract = (await OpenApiContract.AllAsync())[0];

        Assert.NotEmpty(contract.Check(new MagentoEmulatorRequest
        {
            Method = "GET",
            Path = "/V1/inventory/source-item",
            Query = [],
            Body = null,
        }));
        Assert.NotEmpty(contract.Check(new MagentoEmulatorRequest
        {
            Method = "DELETE",
            Path = "/V1/orders",
            Query = [],
            Body = null,
        }));
        Assert.NotEmpty(contract.Check(new MagentoEmulatorRequest
        {
            Method = "GET",
            Path = "/V1/orders",
            Query = [new("searchCriteria[page]", "1")],
            Body = null,
        }));
        Assert.Empty(contract.Check(new MagentoEmulatorRequest
        {
            Method = "GET",
            Path = "/V1/orders",
            Query = [new("searchCriteria[filterGroups][3][filters][1][field]", "state"), new("searchCriteria[pageSize]", "5")],
            Body = null,
        }));
    }

    [Fact]
    public async Task Check_AsyncBulkBody_EachElementCheckedAgainstTheSynchronousOperation()
    {
        foreach (var contract in await OpenApiContract.AllAsync())
        {
            Assert.Empty(contract.Check(new MagentoEmulatorRequest
            {
                Method = "POST",
                Path = "/async/bulk/V1/inventory/source-items",
                Query = [],
                Body = """[{"sourceItems":[{"sku":"A","source_code":"default","quantity":1,"status":1}]}]""",
            }));
            Assert.Contains(contract.Check(new MagentoEmulatorRequest
            {
                Method = "POST",
                Path = "/async/bulk/V1/inventory/source-items",
                Query = [],
                Body = """[{"sourceItems":[]},{"sourceItems":[{"sku":"A","qty":1}]}]""",
            }), p => p.Contains("$.sourceItems[0].qty is not in the schema", StringComparison.Ordinal));
            Assert.NotEmpty(contract.Check(new MagentoEmulatorRequest
            {
                Method = "POST",
                Path = "/async/bulk/V1/inventory/source-items",
                Query = [],
                Body = """{"sourceItems":[]}""",
            }));
        }
    }

    [Fact]
    public async Task Emulator_StockItemAndBulkStatusAnswers_ConformToBothVersions()
    {
        await using var emulator = await MagentoEmulator.StartAsync(cancellationToken: Ct);
        emulator.AllowIntegrationBearerTokens = true;
        emulator.AddProduct("SKU-A");
        using var http = new HttpClient { BaseAddress = new Uri(emulator.BaseUrl, "rest/default/") };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", emulator.AccessToken);
        using var bulkBody = new StringContent("""[{"sourceItems":[{"sku":"SKU-A","source_code":"default","quantity":2,"status":1}]}]""", System.Text.Encoding.UTF8, "application/json");
        var accepted = JsonNode.Parse(await (await http.PostAsync(new Uri("async/bulk/V1/inventory/source-items", UriKind.Relative), bulkBody, Ct)).Content.ReadAsStringAsync(Ct))!;
        var uuid = accepted["bulk_uuid"]!.GetValue<string>();

        var problems = new List<string>();
        foreach (var path in new[] { "/V1/stockItems/SKU-A", $"/V1/bulk/{uuid}/status" })
        {
            var text = await http.GetStringAsync(new Uri(path.TrimStart('/'), UriKind.Relative), Ct);
            foreach (var contract in await OpenApiContract.AllAsync())
            {
                problems.AddRange(contract.CheckResponse("GET", path, JsonNode.Parse(text)).Select(p => $"{p} (GET {path})"));
            }
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        Assert.Equal("accepted", accepted["request_items"]![0]!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Emulator_Answers_ConformToTheResponseSchemasOfBothVersions()
    {
        await using var emulator = await MagentoEmulator.StartAsync(cancellationToken: Ct);
        emulator.AllowIntegrationBearerTokens = true;
        emulator.AddProduct("SKU-A");
        emulator.AddConfigurableProduct("TEE", ["TEE-S", "TEE-M"]);
        emulator.AddProduct("KIT", "bundle", 30m);
        emulator.SetSourceQuantity("SKU-A", "default", 5);
        emulator.SetSpecialPrice("SKU-A", 5m, "2026-12-01 00:00:00", "2026-12-31 00:00:00");
        var order = emulator.PlaceOrder([MagentoEmulatorLine.Simple("SKU-A", 1), MagentoEmulatorLine.Configurable("TEE", "TEE-M", 2), MagentoEmulatorLine.Bundle("KIT", 1, 30m, new Dictionary<string, int> { ["SKU-A"] = 2 })]);
        using var http = new HttpClient { BaseAddress = new Uri(emulator.BaseUrl, "rest/default/") };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", emulator.AccessToken);
        using (var ship = new StringContent("""{"items":[],"tracks":[{"track_number":"1Z9","title":"UPS","carrier_code":"ups"}],"appendComment":true,"comment":{"comment":"c","is_visible_on_front":0}}""", System.Text.Encoding.UTF8, "application/json"))
        {
            (await http.PostAsync(new Uri($"V1/order/{order}/ship", UriKind.Relative), ship, Ct)).EnsureSuccessStatusCode();
        }

        using (var refund = new StringContent("""{"items":[{"order_item_id":1,"qty":1}],"appendComment":true,"comment":{"comment":"c","is_visible_on_front":0},"arguments":{"shipping_amount":0,"extension_attributes":{"return_to_stock_items":[1]}}}""", System.Text.Encoding.UTF8, "application/json"))
        {
            (await http.PostAsync(new Uri($"V1/order/{order}/refund", UriKind.Relative), refund, Ct)).EnsureSuccessStatusCode();
        }

        emulator.RmaEnabled = true;
        var rma = emulator.RequestReturn(order, [(1, 1)]);
        using (var comment = new StringContent("""{"data":{"comment":"c","rma_entity_id":1,"created_at":"2026-01-01 00:00:00","entity_id":0,"customer_notified":false,"visible_on_front":false,"status":"pending","admin":true}}""", System.Text.Encoding.UTF8, "application/json"))
        {
            (await http.PostAsync(new Uri($"V1/returns/{rma}/comments", UriKind.Relative), comment, Ct)).EnsureSuccessStatusCode();
        }

        var problems = new List<string>();
        var lists = new[] { "/V1/orders", "/V1/inventory/source-items", "/V1/shipments", "/V1/products", "/V1/creditmemos", "/V1/returns" };
        foreach (var (path, json) in new[]
        {
            ("/V1/products/special-price-information", """{"skus":["SKU-A","NOPE"]}"""),
            ("/V1/products/base-prices", """{"prices":[{"sku":"NOPE","price":1,"store_id":0},{"sku":"SKU-A","price":2,"store_id":9}]}"""),
            ("/V1/products/special-price", """{"prices":[{"sku":"SKU-A","price":1,"store_id":0,"price_from":"5 December","price_to":""}]}"""),
        })
        {
            using var content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
            using var answer = await http.PostAsync(new Uri(path.TrimStart('/'), UriKind.Relative), content, Ct);
            var node = JsonNode.Parse(await answer.Content.ReadAsStringAsync(Ct));
            Assert.NotEmpty(node!.AsArray()); // a row, or the refused items
            foreach (var contract in await OpenApiContract.AllAsync())
            {
                problems.AddRange(contract.CheckResponse("POST", path, node).Select(p => $"{p} (POST {path})"));
            }
        }

        using (var status = new StringContent("""{"product":{"sku":"SKU-A","status":2}}""", System.Text.Encoding.UTF8, "application/json"))
        {
            using var answer = await http.PutAsync(new Uri("V1/products/SKU-A", UriKind.Relative), status, Ct);
            answer.EnsureSuccessStatusCode();
            var node = JsonNode.Parse(await answer.Content.ReadAsStringAsync(Ct));
            Assert.Equal(2, node!["status"]!.GetValue<int>());
            foreach (var contract in await OpenApiContract.AllAsync())
            {
                problems.AddRange(contract.CheckResponse("PUT", "/V1/products/SKU-A", node).Select(p => $"{p} (PUT /V1/products/SKU-A)"));
            }
        }

        foreach (var path in lists.Concat(["/V1/store/storeConfigs", $"/V1/orders/{order}", "/V1/inventory/get-product-salable-quantity/SKU-A/1", "/V1/creditmemo/1", "/V1/creditmemo/1/comments", $"/V1/returns/{rma}", $"/V1/returns/{rma}/comments"]))
        {
            var text = await http.GetStringAsync(new Uri(path.TrimStart('/') + (lists.Contains(path) ? "?searchCriteria[pageSize]=10" : string.Empty), UriKind.Relative), Ct);
            foreach (var contract in await OpenApiContract.AllAsync())
            {
                problems.AddRange(contract.CheckResponse("GET", path, JsonNode.Parse(text)).Select(p => $"{p} (GET {path})"));
            }
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }
}
