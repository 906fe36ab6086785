using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Connectors.Shopify.Internal;
using Connectors.Shopify.Tests.EndToEnd;
using Connectors.Testing.Shopify;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Shopify.Tests.Emulator;

/// <summary>
/// The emulator validates every document, with its variables, against the published schema of the version in the
/// request path and refuses what fails as Shopify does (HTTP 200, top-level <c>errors</c> with <c>locations</c> and
/// <c>extensions.code</c>), so a document the real shop would refuse cannot pass against the emulator.
/// </summary>
public sealed class ShopifyEmulatorSchemaValidationTests
{
    private static async Task<(HttpStatusCode Status, JsonObject Body, string? Version)> PostAsync(
        ShopifyEmulator emulator, string query, JsonObject? variables = null, string version = "2026-01")
    {
        using var http = new HttpClient { BaseAddress = emulator.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, $"admin/api/{version}/graphql.json")
        {
            Content = JsonContent.Create(new JsonObject { ["query"] = query, ["variables"] = variables?.DeepClone() ?? new JsonObject() }),
        };
        request.Headers.Add("X-Shopify-Access-Token", emulator.Options.AccessToken);
        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var served = response.Headers.TryGetValues("X-Shopify-API-Version", out var values) ? values.Single() : null;
        return (response.StatusCode, JsonNode.Parse(text)!.AsObject(), served);
    }

    [Theory]
    [InlineData("2026-01")]
    [InlineData("2026-04")]
    public async Task Post_UnknownField_RefusedAsUndefinedFieldWithLocation(string version)
    {
        await using var emulator = await ShopifyEmulator.StartAsync(cancellationToken: TestContext.Current.CancellationToken);

        var (status, body, _) = await PostAsync(emulator, "query Currency {\n  shop {\n    currencyCode\n    notAField\n  }\n}", version: version);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Null(body["data"]);
        var error = Assert.Single(body["errors"]!.AsArray())!;
        Assert.Equal("Field 'notAField' doesn't exist on type 'Shop'", error["message"]!.GetValue<string>());
        Assert.Equal("undefinedField", error["extensions"]!["code"]!.GetValue<string>());
        Assert.Equal("Shop", error["extensions"]!["typeName"]!.GetValue<string>());
        Assert.Equal("notAField", error["extensions"]!["fieldName"]!.GetValue<string>());
        var location = Assert.Single(error["locations"]!.AsArray())!;
        Assert.Equal(4, location["line"]!.GetValue<int>());
        Assert.Equal(5, location["column"]!.GetValue<int>());
        Assert.Equal(1, emulator.InvalidDocumentResponses);
        Assert.Equal("undefinedField", Assert.Single(emulator.Requests).Refused);
        Assert.Equal(0, emulator.PointsCharged);
    }

    [Fact]
    public async Task Post_VariableOfTheWrongType_RefusedAsInvalidVariable()
    {
        await using var emulator = await ShopifyEmulator.StartAsync(cancellationToken: TestContext.Current.CancellationToken);

        var (status, body, _) = await PostAsync(
            emulator,
            "query Locations($first: Int!) { locations(first: $first) { nodes { id } } }",
            new JsonObject { ["first"] = "ten" });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Null(body["data"]);
        var error = Assert.Single(body["errors"]!.AsArray())!;
        Assert.Equal("Variable $first of type Int! was provided invalid value", error["message"]!.GetValue<string>());
        Assert.Equal("INVALID_VARIABLE", error["extensions"]!["code"]!.GetValue<string>());
        Assert.Equal("ten", error["extensions"]!["value"]!.GetValue<string>());
        Assert.False(string.IsNullOrWhiteSpace(error["extensions"]!["problems"]![0]!["explanation"]!.GetValue<string>()));
        Assert.NotEmpty(error["locations"]!.AsArray());
    }

    [Fact]
    public async Task Post_VariableDeclaredWithATypeTheArgumentDoesNotTake_RefusedAsVariableMismatch()
    {
        await using var emulator = await ShopifyEmulator.StartAsync(cancellationToken: TestContext.Current.CancellationToken);

        // locations(first:) takes Int; a String! variable is not allowed there, whatever its value.
        var (_, body, _) = await PostAsync(
            emulator,
            "query Locations($first: String!) { locations(first: $first) { nodes { id } } }",
            new JsonObject { ["first"] = "10" });

        Assert.True(body["data"] is null, body.ToJsonString());
        Assert.Equal("variableMismatch", Assert.Single(body["errors"]!.AsArray())!["extensions"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Post_MissingRequiredArgument_RefusedAsMissingRequiredArguments()
    {
        await using var emulator = await ShopifyEmulator.StartAsync(cancellationToken: TestContext.Current.CancellationToken);

        var (_, body, _) = await PostAsync(emulator, "query Order { order { id } }");

        Assert.Equal("missingRequiredArguments", Assert.Single(body["errors"]!.AsArray())!["extensions"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Post_SyntaxError_RefusedAsParseErrorWithLocation()
    {
        await using var emulator = await ShopifyEmulator.StartAsync(cancellationToken: TestContext.Current.CancellationToken);

        var (status, body, _) = await PostAsync(emulator, "query Broken { shop { currencyCode }");

        Assert.Equal(HttpStatusCode.OK, status);
        var error = Assert.Single(body["errors"]!.AsArray())!;
        Assert.StartsWith("Parse error on ", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(1, error["locations"]![0]!["line"]!.GetValue<int>());
    }

    [Fact]
    public async Task Post_FieldOfOneVersionOnly_ValidatedAgainstTheVersionInThePath()
    {
        await using var emulator = await ShopifyEmulator.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        const string Query = "query Weight($id: ID!) { fulfillmentOrder(id: $id) { id remainingLineItemsWeight { value } } }";
        var variables = new JsonObject { ["id"] = "gid://shopify/FulfillmentOrder/1" };

        // FulfillmentOrder.remainingLineItemsWeight exists from 2026-04 on.
        var (_, newer, newerVersion) = await PostAsync(emulator, Query, variables, "2026-04");
        var (_, older, olderVersion) = await PostAsync(emulator, Query, variables, "2026-01");

        Assert.Null(newer["errors"]);
        Assert.Equal("2026-04", newerVersion);
        Assert.Equal("Field 'remainingLineItemsWeight' doesn't exist on type 'FulfillmentOrder'", older["errors"]![0]!["message"]!.GetValue<string>());
        Assert.Equal("2026-01", olderVersion);
    }

    [Fact]
    public async Task Post_UnservedVersion_FallsForwardToTheOldestServedVersion()
    {
        await using var emulator = await ShopifyEmulator.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        const string Query = "query Weight($id: ID!) { fulfillmentOrder(id: $id) { id remainingLineItemsWeight { value } } }";

        var (status, body, served) = await PostAsync(emulator, Query, new JsonObject { ["id"] = "gid://shopify/FulfillmentOrder/1" }, "2024-01");
        var (notAVersion, _, _) = await PostAsync(emulator, "query Currency { shop { currencyCode } }", version: "latest");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("2026-01", served);
        Assert.Equal("undefinedField", body["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, notAVersion);
    }

    [Fact]
    public async Task Post_ValidationTurnedOff_InvalidDocumentReachesTheOperation()
    {
        await using var emulator = await ShopifyEmulator.StartAsync(new ShopifyEmulatorOptions { ValidateDocuments = false }, TestContext.Current.CancellationToken);

        var (_, body, _) = await PostAsync(emulator, "query Currency { shop { currencyCode notAField } }");

        Assert.Null(body["errors"]);
        Assert.Equal("EUR", body["data"]!["shop"]!["currencyCode"]!.GetValue<string>());
        Assert.Equal(0, emulator.InvalidDocumentResponses);
    }

    [Theory]
    [InlineData("field")]
    [InlineData("variable")]
    public async Task Channel_DocumentTheSchemaRefuses_ThrowsNonTransientGraphQLException(string defect)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var emulator = await ShopifyEmulator.StartAsync(cancellationToken: ct);
        emulator.AddVariant("SKU-1");
        var orderId = await emulator.CreateOrderAsync([new ShopifyEmulatorLine { Sku = "SKU-1", Quantity = 1, UnitPrice = 1m }], cancellationToken: ct);

        // A client whose document or variables do not match the server's schema (as after a version change).
        await using var services = ShopifyTestHost.Build(emulator.BaseAddress, after: s => s
            .AddHttpClient(ShopifyGraphClient.HttpClientName(ShopifyTestHost.ChannelName))
            .AddHttpMessageHandler(() => new BreakingHandler(defect)));

        var ex = await Assert.ThrowsAsync<ShopifyGraphQLException>(() => services.Channel().GetOrderAsync(orderId, ct));

        Assert.False(ex.IsTransient);
        Assert.Equal(defect == "field" ? "undefinedField" : "INVALID_VARIABLE", ex.ErrorCode);
        Assert.Equal(1, emulator.InvalidDocumentResponses);
        Assert.Single(emulator.Requests);
    }

    /// <summary>Adds an unknown field to the document, or gives the <c>id</c> variable a value an <c>ID!</c> cannot take.</summary>
    private sealed class BreakingHandler(string defect) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = JsonNode.Parse(await request.Content!.ReadAsStringAsync(cancellationToken))!.AsObject();
            if (defect == "field")
            {
                var query = body["query"]!.GetValue<string>();
                var root = query.IndexOf('{', query.IndexOf('{', StringComparison.Ordinal) + 1);
                body["query"] = query.Insert(root + 1, " notAField ");
            }
            else
            {
                body["variables"]!["id"] = new JsonObject { ["not"] = "an id" };
            }

            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
            return await base.SendAsync(request, cancellationToken);
        }
    }
}
