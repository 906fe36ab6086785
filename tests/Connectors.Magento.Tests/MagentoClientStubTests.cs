using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Magento.Tests;

/// <summary>Behaviour against stores that answer what the emulator never would, through a stub primary handler.</summary>
public sealed class MagentoClientStubTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ListOrders_StoreIgnoresTheKeysetFilter_StopsWithATypedErrorInsteadOfLooping()
    {
        // Every request answers the same full page: a store (or a proxy cache) that ignores the filter on the next page.
        const string page = """
            {"items":[
              {"entity_id":1,"increment_id":"1","state":"new","status":"pending","created_at":"2026-12-02 10:00:00","updated_at":"2026-12-02 10:00:00","order_currency_code":"EUR","grand_total":10,"customer_email":"a@example.com","base_grand_total":10,"items":[]},
              {"entity_id":2,"increment_id":"2","state":"new","status":"pending","created_at":"2026-12-02 10:00:00","updated_at":"2026-12-02 10:00:00","order_currency_code":"EUR","grand_total":10,"customer_email":"a@example.com","base_grand_total":10,"items":[]}
            ],"search_criteria":{"filter_groups":[]},"total_count":2}
            """;
        var stub = new StubHandler(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(page, Encoding.UTF8, "application/json") });
        await using var services = Build(stub);
        var seen = 0;

        var error = await Assert.ThrowsAsync<ConnectorRequestFailedException>(async () =>
        {
            await foreach (var _ in services.Magento().ListOrdersAsync(new DateTimeOffset(2026, 12, 2, 0, 0, 0, TimeSpan.Zero), Ct))
            {
                Assert.True(++seen < 10, "the poll kept returning the same orders");
            }
        });

        Assert.Equal("keyset_ignored", error.ErrorCode);
        Assert.Equal(2, stub.Calls);
    }

    [Fact]
    public async Task GetOrder_EmptySuccessBody_IsATransientInvalidResponse()
    {
        var stub = new StubHandler(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(string.Empty) });
        await using var services = Build(stub);

        var error = await Assert.ThrowsAsync<ConnectorRequestFailedException>(() => services.Magento().GetOrderAsync("1", Ct));

        Assert.True(error.IsTransient);
        Assert.Equal("invalid_response", error.ErrorCode);
    }

    [Fact]
    public async Task GetOrder_CutOffJson_IsTransientAndWrongShapeIsPermanent()
    {
        var stub = new StubHandler(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("{\"entity_id\":1,\"items\":[{\"item_", Encoding.UTF8, "application/json") });
        await using var services = Build(stub);

        var cut = await Assert.ThrowsAsync<ConnectorRequestFailedException>(() => services.Magento().GetOrderAsync("1", Ct));
        stub.Answer = _ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("{\"entity_id\":\"one\"}", Encoding.UTF8, "application/json") };
        var shape = await Assert.ThrowsAsync<ConnectorRequestFailedException>(() => services.Magento().GetOrderAsync("1", Ct));

        Assert.True(cut.IsTransient);
        Assert.False(shape.IsTransient);
        Assert.Equal("invalid_json", shape.ErrorCode);
    }

    private static ServiceProvider Build(StubHandler stub)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddConnectors().AddMagento(TestHost.Channel, o =>
        {
            o.BaseUrl = new Uri("https://shop.example/");
            o.AccessToken = "bearer-token";
            o.MaxRetries = 0;
            o.PageSize = 2;
        });
        services.AddHttpClient("Connectors.Magento:" + TestHost.Channel).ConfigurePrimaryHttpMessageHandler(() => stub);
        return services.BuildServiceProvider();
    }

    private sealed class StubHandler(Func<HttpRequestMessage, HttpResponseMessage> answer) : HttpMessageHandler
    {
        private int _calls;

        public Func<HttpRequestMessage, HttpResponseMessage> Answer { get; set; } = answer;

        public int Calls => _calls;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _calls);
            return Task.FromResult(Answer(request));
        }
    }
}
