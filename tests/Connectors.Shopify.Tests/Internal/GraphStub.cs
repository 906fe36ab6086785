using System.Text.Json;
using System.Text.Json.Nodes;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Connectors.Shopify.Tests.Internal;

/// <summary>Stubs one named GraphQL operation on a WireMock shop and reads back what was sent for it.</summary>
internal static class GraphStub
{
    private const string Cost = """{"cost":{"requestedQueryCost":10,"actualQueryCost":5,"throttleStatus":{"maximumAvailable":2000.0,"currentlyAvailable":1990,"restoreRate":100.0}}}""";

    /// <summary>Answers <paramref name="operation"/> (optionally only when the body also contains <paramref name="bodyContains"/>) with <c>{"data": data}</c>.</summary>
    public static void Respond(this WireMockServer server, string operation, string data, string? bodyContains = null)
    {
        var request = Request.Create().WithPath(WireMockShop.GraphPath).UsingPost()
            .WithBody(new WildcardMatcher($"*\"operationName\":\"{operation}\"*" + (bodyContains is null ? string.Empty : bodyContains + "*")));
        server.Given(request).RespondWith(Response.Create()
            .WithStatusCode(200)
            .WithHeader("Content-Type", "application/json")
            .WithBody("{\"data\":" + data + ",\"extensions\":" + Cost + "}"));
    }

    /// <summary>The variables of every request sent for <paramref name="operation"/>, in order.</summary>
    public static IReadOnlyList<JsonObject> Sent(this WireMockServer server, string operation) =>
        [.. server.LogEntries
            .Where(e => e.RequestMessage.Path == WireMockShop.GraphPath && e.RequestMessage.Body is not null)
            .Select(e => JsonNode.Parse(e.RequestMessage.Body!)!.AsObject())
            .Where(b => b["operationName"]?.GetValue<string>() == operation)
            .Select(b => b["variables"]!.AsObject())];

    public static string Json(object value) => JsonSerializer.Serialize(value);
}
