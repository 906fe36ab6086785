using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Connectors.Testing.Shopify;

namespace Connectors.Shopify.Tests.Emulator;

/// <summary>
/// The emulator's <c>productVariantsBulkUpdate</c>, checked with raw GraphQL (not through the client): the rules are the
/// schema's descriptions and error codes (quoted), so they can disagree with the connector.
/// </summary>
public sealed class ShopifyEmulatorPriceTests
{
    private const string Update = """
        mutation($productId: ID!, $variants: [ProductVariantsBulkInput!]!, $partial: Boolean) {
          productVariantsBulkUpdate(productId: $productId, variants: $variants, allowPartialUpdates: $partial) {
            productVariants { id price compareAtPrice }
            userErrors { field message code }
          }
        }
        """;

    private static async Task<JsonObject> PostAsync(ShopifyEmulator emulator, string query, JsonObject variables)
    {
        using var http = new HttpClient { BaseAddress = emulator.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, "admin/api/2026-01/graphql.json")
        {
            Content = JsonContent.Create(new JsonObject { ["query"] = query, ["variables"] = variables }),
        };
        request.Headers.Add("X-Shopify-Access-Token", emulator.Options.AccessToken);
        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!.AsObject();
    }

    private static JsonObject Variables(string productId, bool? partial, params JsonObject[] variants) =>
        new() { ["productId"] = productId, ["partial"] = partial, ["variants"] = new JsonArray([.. variants]) };

    [Fact]
    public async Task ProductVariantsBulkUpdate_NegativePriceWithoutPartialUpdates_NothingPersisted()
    {
        // "When partial updates are not allowed, any error will prevent all variants from updating."
        await using var emulator = await ShopifyEmulator.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        var s = emulator.AddVariant("S");
        var m = emulator.AddVariantToProduct(s.ProductId, "M");

        var response = await PostAsync(emulator, Update, Variables(
            s.ProductId, null, new JsonObject { ["id"] = s.VariantId, ["price"] = "5.00" }, new JsonObject { ["id"] = m.VariantId, ["price"] = "-1.00" }));

        var error = response["data"]!["productVariantsBulkUpdate"]!["userErrors"]![0]!;
        Assert.Equal("NEGATIVE_PRICE_VALUE", error["code"]!.GetValue<string>()); // "Price cannot take a negative value."
        Assert.Equal(["variants", "1", "price"], error["field"]!.AsArray().Select(f => f!.GetValue<string>()));
        Assert.Equal(0m, emulator.GetPrice(s.VariantId)!.Price);
        Assert.Equal(0m, emulator.GetPrice(m.VariantId)!.Price);
    }

    [Fact]
    public async Task ProductVariantsBulkUpdate_PartialUpdates_ValidVariantPersisted_UnknownAndForeignVariantsRefused()
    {
        await using var emulator = await ShopifyEmulator.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        var s = emulator.AddVariant("S");
        var other = emulator.AddVariant("OTHER");

        var response = await PostAsync(emulator, Update, Variables(
            s.ProductId,
            true,
            new JsonObject { ["id"] = s.VariantId, ["price"] = "5.00", ["compareAtPrice"] = "6.00" },
            new JsonObject { ["id"] = "gid://shopify/ProductVariant/1", ["price"] = "5.00" },
            new JsonObject { ["id"] = other.VariantId, ["price"] = "5.00" }));

        var payload = response["data"]!["productVariantsBulkUpdate"]!;
        var codes = payload["userErrors"]!.AsArray().Select(e => (e!["field"]![1]!.GetValue<string>(), e["code"]!.GetValue<string>()));
        Assert.Equal([("1", "PRODUCT_VARIANT_DOES_NOT_EXIST"), ("2", "MUST_BE_FOR_THIS_PRODUCT")], codes);
        var updated = Assert.Single(payload["productVariants"]!.AsArray());
        Assert.Equal(("5.00", "6.00"), (updated!["price"]!.GetValue<string>(), updated["compareAtPrice"]!.GetValue<string>()));
        Assert.Equal(new ShopifyEmulatorPrice { Price = 5m, CompareAtPrice = 6m }, emulator.GetPrice(s.VariantId));
        Assert.Equal(0m, emulator.GetPrice(other.VariantId)!.Price);
    }

    [Fact]
    public async Task ProductVariantsBulkUpdate_CompareAtPriceNullClears_AbsentLeaves_UnknownProductRefused()
    {
        await using var emulator = await ShopifyEmulator.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        var s = emulator.AddVariant("S");
        await PostAsync(emulator, Update, Variables(s.ProductId, null, new JsonObject { ["id"] = s.VariantId, ["price"] = "5.00", ["compareAtPrice"] = "9.00" }));

        await PostAsync(emulator, Update, Variables(s.ProductId, null, new JsonObject { ["id"] = s.VariantId, ["price"] = "6.00" }));
        Assert.Equal(new ShopifyEmulatorPrice { Price = 6m, CompareAtPrice = 9m }, emulator.GetPrice(s.VariantId));
        await PostAsync(emulator, Update, Variables(s.ProductId, null, new JsonObject { ["id"] = s.VariantId, ["compareAtPrice"] = null }));
        Assert.Equal(new ShopifyEmulatorPrice { Price = 6m }, emulator.GetPrice(s.VariantId));

        var unknown = await PostAsync(emulator, Update, Variables("gid://shopify/Product/1", null, new JsonObject { ["id"] = s.VariantId, ["price"] = "1.00" }));
        Assert.Equal("PRODUCT_DOES_NOT_EXIST", unknown["data"]!["productVariantsBulkUpdate"]!["userErrors"]![0]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task ShopAndVariants_ShowTheShopCurrencyAndThePricesSet()
    {
        await using var emulator = await ShopifyEmulator.StartAsync(new ShopifyEmulatorOptions { ShopCurrency = "KWD" }, TestContext.Current.CancellationToken);
        var s = emulator.AddVariant("S");
        await PostAsync(emulator, Update, Variables(s.ProductId, null, new JsonObject { ["id"] = s.VariantId, ["price"] = "1.250" }));

        var shop = await PostAsync(emulator, "query { shop { currencyCode } }", []);
        var items = await PostAsync(emulator, """
            query($ids: [ID!]!) { nodes(ids: $ids) { ... on InventoryItem { id variants(first: 5) { nodes { id price product { id } } } } } }
            """, new JsonObject { ["ids"] = new JsonArray(s.InventoryItemId, "gid://shopify/InventoryItem/1") });

        Assert.Equal("KWD", shop["data"]!["shop"]!["currencyCode"]!.GetValue<string>());
        var variant = items["data"]!["nodes"]![0]!["variants"]!["nodes"]![0]!;
        Assert.Equal((s.VariantId, "1.250", s.ProductId), (variant["id"]!.GetValue<string>(), variant["price"]!.GetValue<string>(), variant["product"]!["id"]!.GetValue<string>()));
        Assert.Null(items["data"]!["nodes"]![1]);
    }
}
