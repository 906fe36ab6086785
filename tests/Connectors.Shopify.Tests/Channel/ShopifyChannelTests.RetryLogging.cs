using Connectors.Shopify.Internal;
using Connectors.Shopify.Tests.EndToEnd;
using Connectors.Shopify.Tests.Internal;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace Connectors.Shopify.Tests.Channel;

/// <summary>
/// Issue 19 item 11 for Shopify: what the client absorbs (an HTTP 503 retried by the resilience pipeline, a THROTTLED
/// answer waited out on the cost bucket) is logged below Warning and names the channel; Warning is kept for what a
/// person must act on (the shop calling an API version deprecated).
/// </summary>
public sealed partial class ShopifyChannelTests
{
    private const string OrderCost = """{"cost":{"requestedQueryCost":10,"actualQueryCost":5,"throttleStatus":{"maximumAvailable":2000.0,"currentlyAvailable":1990,"restoreRate":100.0}}}""";

    private ServiceProvider BuildWithLogs() => ShopifyTestHost.Build(
        _server.Address(),
        after: services => services.AddLogging(b => b.SetMinimumLevel(LogLevel.Debug)).AddFakeLogging());

    private void RespondInTurn(string scenario, params Response[] responses)
    {
        for (var i = 0; i < responses.Length; i++)
        {
            var request = Request.Create().WithPath(WireMockShop.GraphPath).UsingPost();
            var given = _server.Given(request).InScenario(scenario);
            given = i == 0 ? given : given.WhenStateIs("step" + i);
            (i + 1 < responses.Length ? given.WillSetStateTo("step" + (i + 1)) : given).RespondWith(responses[i]);
        }
    }

    private static Response OrderAnswer() => (Response)Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json")
        .WithBody("""{"data":{"order":""" + Order(1, "2026-03-01T09:30:00Z", Page(false, null, LineItem(1, "A", 1))) + """},"extensions":""" + OrderCost + "}");

    [Fact]
    public async Task GetOrder_One503Absorbed_RetryLoggedAtInformationNamingTheChannelAndNoWarning()
    {
        RespondInTurn(
            "flaky",
            (Response)Response.Create().WithStatusCode(503).WithHeader("Retry-After", "0").WithBody("busy"),
            OrderAnswer());
        await using var services = BuildWithLogs();

        var order = await services.Channel().GetOrderAsync("1", TestContext.Current.CancellationToken);

        Assert.Equal("gid://shopify/Order/1", order!.OrderId);
        Assert.Equal(2, _server.LogEntries.Count());
        var logs = services.GetFakeLogCollector().GetSnapshot();
        Assert.DoesNotContain(logs, r => r.Level >= LogLevel.Warning);
        var retry = Assert.Single(logs, r => r.Category == "Polly" && r.Message.Contains("OnRetry", StringComparison.Ordinal));
        Assert.Equal(LogLevel.Information, retry.Level);
        Assert.Contains(ShopifyGraphClient.HttpClientName(ShopifyTestHost.ChannelName), retry.Message, StringComparison.Ordinal);
        Assert.All(logs.Where(r => r.Category == "Polly" && r.Message.Contains("ExecutionAttempt", StringComparison.Ordinal)), r => Assert.Equal(LogLevel.Debug, r.Level));
    }

    [Fact]
    public async Task GetOrder_ThrottledThenServed_WaitLoggedAtDebugNamingTheChannelAndNoWarning()
    {
        RespondInTurn(
            "throttled",
            (Response)Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(WireMockShop.Throttled(available: 0, restoreRate: 1000, requested: 10)),
            OrderAnswer());
        await using var services = BuildWithLogs();

        var order = await services.Channel().GetOrderAsync("1", TestContext.Current.CancellationToken);

        Assert.Equal("gid://shopify/Order/1", order!.OrderId);
        var logs = services.GetFakeLogCollector().GetSnapshot();
        Assert.DoesNotContain(logs, r => r.Level >= LogLevel.Warning);
        var waits = logs.Where(r => r.Id.Id == 7001).ToList();
        Assert.NotEmpty(waits);
        Assert.All(waits, r => Assert.Equal(LogLevel.Debug, r.Level));
        Assert.All(waits, r => Assert.Contains("Shopify channel " + ShopifyTestHost.ChannelName, r.Message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task GetOrder_ShopSaysTheApiIsDeprecated_WarningNamingTheChannelOncePerOperation()
    {
        _server.Given(Request.Create().WithPath(WireMockShop.GraphPath).UsingPost()).RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json")
                .WithHeader("X-Shopify-API-Deprecated-Reason", "https://shopify.dev/api/usage/versioning#deprecation-practices")
                .WithBody("""{"data":{"order":""" + Order(1, "2026-03-01T09:30:00Z", Page(false, null, LineItem(1, "A", 1))) + """},"extensions":""" + OrderCost + "}"));
        await using var services = BuildWithLogs();

        await services.Channel().GetOrderAsync("1", TestContext.Current.CancellationToken);
        await services.Channel().GetOrderAsync("1", TestContext.Current.CancellationToken);

        var warning = Assert.Single(services.GetFakeLogCollector().GetSnapshot(), r => r.Level >= LogLevel.Warning);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains("Shopify channel " + ShopifyTestHost.ChannelName, warning.Message, StringComparison.Ordinal);
        Assert.Contains(GraphDocuments.Order, warning.Message, StringComparison.Ordinal);
    }
}
