using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace Connectors.WooCommerce.Tests;

/// <summary>Issue 19 item 11: a retry the pipeline absorbs is logged below Warning, naming the channel's pipeline.</summary>
public sealed class WooCommerceRetryLoggingTests
{
    [Fact]
    public async Task GetOrderAsync_One503ThenTheOrder_RetryLoggedAtInformationWithTheChannelAndNoWarning()
    {
        using var server = WireMockServer.Start(new WireMockServerSettings { Urls = ["http://127.0.0.1:0"] });
        server.Given(Request.Create().WithPath("/wp-json/wc/v3/orders/124").UsingGet()).InScenario("flaky").WillSetStateTo("recovered")
            .RespondWith(Response.Create().WithStatusCode(503).WithHeader("Retry-After", "0").WithBody("busy"));
        server.Given(Request.Create().WithPath("/wp-json/wc/v3/orders/124").UsingGet()).InScenario("flaky").WhenStateIs("recovered")
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json; charset=UTF-8").WithBody(Recorded.Text("order_a_processing.json")));
        await using var sp = TestHost.Build(
            o =>
            {
                o.BaseUrl = new Uri(server.Url!);
                o.MaxRetries = 2;
            },
            more: services => services.AddLogging(b => b.SetMinimumLevel(LogLevel.Debug)).AddFakeLogging());

        var order = await sp.Channel_().GetOrderAsync("124", TestContext.Current.CancellationToken);

        Assert.Equal("124", order!.OrderId);
        Assert.Equal(2, server.LogEntries.Count());
        var polly = sp.GetFakeLogCollector().GetSnapshot().Where(r => r.Category == "Polly").ToList();
        Assert.DoesNotContain(polly, r => r.Level >= LogLevel.Warning);
        var retry = Assert.Single(polly, r => r.Message.Contains("OnRetry", StringComparison.Ordinal));
        Assert.Equal(LogLevel.Information, retry.Level);
        Assert.Contains("Connectors.WooCommerce:" + TestHost.Channel, retry.Message, StringComparison.Ordinal);
    }
}
