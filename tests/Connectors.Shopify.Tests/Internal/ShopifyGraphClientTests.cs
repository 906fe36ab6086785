using System.Net;
using Connectors.Shopify.Internal;
using Connectors.Shopify.Tests.EndToEnd;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Connectors.Shopify.Tests.Internal;

public sealed class ShopifyGraphClientTests : IDisposable
{
    private const string Item = "gid://shopify/InventoryItem/30322695";
    private const string Location = "gid://shopify/Location/124656943";
    private const string Success = """{"data":{"inventorySetQuantities":{"inventoryAdjustmentGroup":{"id":"gid://shopify/InventoryAdjustmentGroup/1"},"userErrors":[]}},"extensions":{"cost":{"requestedQueryCost":10,"actualQueryCost":10,"throttleStatus":{"maximumAvailable":2000.0,"currentlyAvailable":1990,"restoreRate":100.0}}}}""";

    private readonly WireMockServer _server = WireMockShop.Start();
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-03-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    public void Dispose() => _server.Dispose();

    private ServiceProvider Build(Action<ShopifyOptions>? configure = null) => ShopifyTestHost.Build(_server.Address(), configure: configure, time: _time);

    private static InventoryTarget[] Targets(int n) =>
        [.. Enumerable.Range(0, n).Select(i => new InventoryTarget(Item + i, Location, i))];

    private void Respond(string body, int status = 200, string? scenarioState = null, string? nextState = null, string? header = null)
    {
        var request = _server.Given(Request.Create().WithPath(WireMockShop.GraphPath).UsingPost());
        var response = Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody(body);
        if (header is not null)
        {
            response = response.WithHeader("X-Shopify-API-Deprecated-Reason", header);
        }

        if (nextState is not null)
        {
            var scenario = request.InScenario("s");
            (scenarioState is null ? scenario : scenario.WhenStateIs(scenarioState)).WillSetStateTo(nextState).RespondWith(response);
        }
        else if (scenarioState is not null)
        {
            request.InScenario("s").WhenStateIs(scenarioState).RespondWith(response);
        }
        else
        {
            request.RespondWith(response);
        }
    }

    [Fact]
    public async Task PushInventory_ThrottledThenSuccess_WaitsAndReturnsApplied()
    {
        Respond(WireMockShop.Throttled(available: 0), scenarioState: null, nextState: "second");
        Respond(Success, scenarioState: "second");
        await using var services = Build();
        var channel = services.Channel();

        var results = await channel.PushInventoryAsync(Targets(2), TestContext.Current.CancellationToken).WithTime(_time);

        Assert.All(results, r => Assert.Equal(PushOutcome.Applied, r.Outcome));
        Assert.Equal(2, _server.LogEntries.Count());
        Assert.Equal(1, channel.Client.ThrottledCount);
    }

    [Fact]
    public async Task PushInventory_ThrottleWaitBeyondBudget_ThrowsRateLimited()
    {
        Respond(WireMockShop.Throttled(available: 0, restoreRate: 1, requested: 10));
        await using var services = Build(o => o.ThrottleWaitBudget = TimeSpan.FromSeconds(5));

        var ex = await Assert.ThrowsAsync<ConnectorRateLimitedException>(
            () => services.Channel().PushInventoryAsync(Targets(1), TestContext.Current.CancellationToken).WithTime(_time));

        Assert.True(ex.IsTransient);
        Assert.NotNull(ex.RetryAfter);
    }

    [Fact]
    public async Task PushInventory_UserErrorOnOneQuantity_RejectsItAndRetriesTheOthers()
    {
        Respond("""{"data":{"inventorySetQuantities":{"inventoryAdjustmentGroup":null,"userErrors":[{"field":["input","quantities","1","locationId"],"message":"The specified location could not be found.","code":"INVALID_LOCATION"}]}},"extensions":""" + WireMockShop.Cost(10, 10, 1990) + "}");
        await using var services = Build();

        var results = await services.Channel().PushInventoryAsync(Targets(3), TestContext.Current.CancellationToken).WithTime(_time);

        Assert.Equal(PushOutcome.Retry, results[0].Outcome);
        Assert.Equal(PushOutcome.Rejected, results[1].Outcome);
        Assert.Equal("INVALID_LOCATION", results[1].ErrorCode);
        Assert.Equal(PushOutcome.Retry, results[2].Outcome);
    }

    [Fact]
    public async Task PushInventory_InvalidIds_RejectedWithoutACall()
    {
        await using var services = Build();
        var results = await services.Channel().PushInventoryAsync([new InventoryTarget("SKU-1", Location, 1), new InventoryTarget(Item, "warehouse", 1)], TestContext.Current.CancellationToken);
        Assert.All(results, r => Assert.Equal(PushOutcome.Rejected, r.Outcome));
        Assert.Empty(_server.LogEntries);
    }

    [Fact]
    public async Task PushInventory_MoreThanBatchSize_SplitsIntoCallsOf250()
    {
        Respond(Success);
        await using var services = Build();
        var results = await services.Channel().PushInventoryAsync(Targets(600), TestContext.Current.CancellationToken).WithTime(_time);
        Assert.Equal(600, results.Count);
        Assert.Equal(3, _server.LogEntries.Count());
    }

    [Fact]
    public async Task Send_Http429WithoutThrottleBody_ThrowsTransientLimitExceededWithRetryAfter()
    {
        _server.Given(Request.Create().WithPath(WireMockShop.GraphPath).UsingPost())
            .RespondWith(Response.Create().WithStatusCode(429).WithHeader("Retry-After", "1").WithBody("""{"errors":"Daily variant creation limit reached."}"""));
        await using var services = Build();

        var ex = await Assert.ThrowsAsync<ShopifyLimitExceededException>(
            () => services.Channel().PushInventoryAsync(Targets(1), TestContext.Current.CancellationToken).WithTime(_time));

        // A non-bucket limit (daily variant creation) passes: retry after the shop's Retry-After, do not dead-letter.
        Assert.True(ex.IsTransient);
        Assert.Equal(429, ex.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(1), ex.RetryAfter);
    }

    [Fact]
    public async Task Send_ConnectionRefused_ThrowsTransientConnectorExceptionNotHttpRequestException()
    {
        // A port nobody listens on: the resilience pipeline retries, then the failure must leave typed and transient.
        var port = _server.Ports[0];
        _server.Stop();
        await using var services = ShopifyTestHost.Build(new Uri($"http://127.0.0.1:{port}/"), time: _time);

        var ex = await Assert.ThrowsAsync<ConnectorRequestFailedException>(
            () => services.Channel().PushInventoryAsync(Targets(1), TestContext.Current.CancellationToken).WithTime(_time));

        Assert.True(ex.IsTransient);
        Assert.IsType<HttpRequestException>(ex.InnerException);
        Assert.Contains("InventorySetQuantities", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_TopLevelError_ThrowsGraphQLExceptionWithCode()
    {
        Respond("""{"errors":[{"message":"Field 'foo' doesn't exist on type 'QueryRoot'","extensions":{"code":"undefinedField"}}]}""");
        await using var services = Build();

        var ex = await Assert.ThrowsAsync<ShopifyGraphQLException>(
            () => services.Channel().PushInventoryAsync(Targets(1), TestContext.Current.CancellationToken).WithTime(_time));

        Assert.Equal("undefinedField", ex.ErrorCode);
        Assert.Equal(GraphDocuments.InventorySetQuantities, ex.Operation);
        Assert.False(ex.IsTransient);
    }

    [Fact]
    public async Task Send_Unauthorized_ThrowsAuthenticationWithoutTheToken()
    {
        Respond("""{"errors":"[API] Invalid API key or access token (unrecognized login or wrong password)"}""", 401);
        await using var services = Build(o => o.AccessToken = "shpat_secret_value");

        var ex = await Assert.ThrowsAsync<ConnectorAuthenticationException>(
            () => services.Channel().PushInventoryAsync(Targets(1), TestContext.Current.CancellationToken).WithTime(_time));

        Assert.DoesNotContain("shpat_secret_value", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_MalformedJson_ThrowsTransientRequestFailed()
    {
        Respond("""{"data":{"inventorySetQuantities":""");
        await using var services = Build();

        var ex = await Assert.ThrowsAsync<ConnectorRequestFailedException>(
            () => services.Channel().PushInventoryAsync(Targets(1), TestContext.Current.CancellationToken).WithTime(_time));

        Assert.Equal("MALFORMED_RESPONSE", ex.ErrorCode);
        Assert.True(ex.IsTransient);
    }

    [Fact]
    public async Task Send_DeprecatedHeader_LoggedOncePerOperationAndCountedEveryTime()
    {
        Respond(Success, header: "This API version is unsupported; upgrade to 2026-04.");
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddFakeLogging());
        services.AddSingleton<TimeProvider>(_time);
        services.AddConnectors().AddShopify("store-a", o =>
        {
            o.BaseAddress = _server.Address();
            o.AccessToken = "t";
        });
        await using var sp = services.BuildServiceProvider();
        using var counter = new MetricCollector<long>(sp.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), ConnectorsTelemetry.Name, "connectors.api.deprecated_calls");
        var channel = sp.Channel();

        await channel.PushInventoryAsync(Targets(1), TestContext.Current.CancellationToken).WithTime(_time);
        await channel.PushInventoryAsync(Targets(1), TestContext.Current.CancellationToken).WithTime(_time);

        var logs = sp.GetRequiredService<FakeLogCollector>().GetSnapshot().Where(l => l.Id.Id == 7000).ToList();
        Assert.Single(logs);
        Assert.Contains("2026-04", logs[0].Message, StringComparison.Ordinal);
        Assert.Equal(2, counter.GetMeasurementSnapshot().EvaluateAsCounter());
    }

    [Fact]
    public async Task Send_TokenRotatedInOptions_NextRequestUsesNewToken()
    {
        Respond(Success);
        var token = "token-1";
        await using var services = Build(o => o.AccessToken = token);
        var channel = services.Channel();

        await channel.PushInventoryAsync(Targets(1), TestContext.Current.CancellationToken).WithTime(_time);
        token = "token-2";
        services.GetRequiredService<IOptionsMonitorCache<ShopifyOptions>>().TryRemove(ShopifyTestHost.ChannelName);
        await channel.PushInventoryAsync(Targets(1), TestContext.Current.CancellationToken).WithTime(_time);

        var tokens = _server.LogEntries.Select(e => e.RequestMessage.Headers!["X-Shopify-Access-Token"].Single()).ToList();
        Assert.Equal(["token-1", "token-2"], tokens);
    }

    [Fact]
    public async Task Send_BucketEstimateLow_WaitsBeforeSendingInsteadOfGettingThrottled()
    {
        // First answer says the bucket is empty and refills at 10 points/s; the client must wait about 1 s for the 10
        // points of the second call. (The fake clock may run a few 10 ms steps past the first answer before the
        // first call is seen complete, so the check leaves that margin.)
        Respond("""{"data":{"inventorySetQuantities":{"inventoryAdjustmentGroup":{"id":"gid://shopify/InventoryAdjustmentGroup/1"},"userErrors":[]}},"extensions":{"cost":{"requestedQueryCost":10,"actualQueryCost":10,"throttleStatus":{"maximumAvailable":2000.0,"currentlyAvailable":0,"restoreRate":10.0}}}}""");
        await using var services = Build();
        var channel = services.Channel();
        await channel.PushInventoryAsync(Targets(1), TestContext.Current.CancellationToken).WithTime(_time);
        var before = _time.GetUtcNow();

        await channel.PushInventoryAsync(Targets(1), TestContext.Current.CancellationToken).WithTime(_time);

        Assert.True(_time.GetUtcNow() - before >= TimeSpan.FromSeconds(0.5), "the client sent before the bucket could afford the call");
        Assert.Equal(0, channel.Client.ThrottledCount);
    }
}
