using System.Diagnostics.Metrics;
using System.Net;
using System.Text;
using Connectors.Warehouse.SapEwm.Internal;
using Connectors.Warehouse.SapEwm.Internal.OData;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Connectors.Warehouse.SapEwm.Tests;

/// <summary>Answers a real SAP system would not give, from a stub handler: the adapter must refuse them clearly.</summary>
public sealed class StubbedServerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static SapEwmWarehouse Warehouse(Func<HttpRequestMessage, string> answer)
    {
        var options = new SapEwmOptions { Host = new Uri("https://s4.example.com"), UserName = "u", Password = "p" };
        options.Warehouses.Add("1710");
        var client = new ODataClient(new StubFactory(answer), new Monitor(options), new SapEwmMetrics(new NoMeters()), NullLogger.Instance);
        return new SapEwmWarehouse(client, new SapEwmMetrics(new NoMeters()), NullLogger.Instance);
    }

    private static string Rows(params string[] products) =>
        "{\"value\":[" + string.Join(',', products.Select(p => $"{{\"EWMWarehouse\":\"1710\",\"Product\":\"{p}\",\"Batch\":\"\",\"EWMStockType\":\"F2\",\"AvailableEWMStockQty\":\"1\"}}")) + "]}";

    [Fact]
    public async Task GetStockLevelsAsync_ServerIgnoresOrderBy_TypedErrorInsteadOfSplitLevels()
    {
        var warehouse = Warehouse(_ => Rows("B", "A", "B"));

        var error = await Assert.ThrowsAsync<ConnectorRequestFailedException>(() => warehouse.GetStockLevelsAsync(cancellationToken: Ct).ToListAsync(Ct).AsTask());

        Assert.Equal("unordered_response", error.ErrorCode);
        Assert.False(error.IsTransient);
    }

    [Fact]
    public async Task GetStockLevelsAsync_NextLinkToAnotherHost_Refused()
    {
        var warehouse = Warehouse(_ => "{\"value\":[],\"@odata.nextLink\":\"https://evil.example.com/steal?$skiptoken=1\"}");

        var error = await Assert.ThrowsAsync<ConnectorRequestFailedException>(() => warehouse.GetStockLevelsAsync(cancellationToken: Ct).ToListAsync(Ct).AsTask());

        Assert.Equal("invalid_next_link", error.ErrorCode);
    }

    [Fact]
    public async Task GetStockLevelsAsync_DecimalAsNumberOrString_BothRead()
    {
        var warehouse = Warehouse(_ => "{\"value\":[{\"Product\":\"A\",\"AvailableEWMStockQty\":1.5},{\"Product\":\"A\",\"AvailableEWMStockQty\":\"2.500\"}]}");

        var level = Assert.Single(await warehouse.GetStockLevelsAsync(cancellationToken: Ct).ToListAsync(Ct));

        Assert.Equal(4m, level.OnHand);
    }

    [Fact]
    public async Task GetStockLevelsAsync_RowWithoutProduct_TypedError()
    {
        var warehouse = Warehouse(_ => "{\"value\":[{\"AvailableEWMStockQty\":\"1\"}]}");

        var error = await Assert.ThrowsAsync<ConnectorRequestFailedException>(() => warehouse.GetStockLevelsAsync(cancellationToken: Ct).ToListAsync(Ct).AsTask());

        Assert.Contains("without Product", error.Message, StringComparison.Ordinal);
    }

    private sealed class StubFactory(Func<HttpRequestMessage, string> answer) : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new(new Stub(answer));
    }

    private sealed class Stub(Func<HttpRequestMessage, string> answer) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(answer(request), Encoding.UTF8, "application/json") });
    }

    private sealed class Monitor(SapEwmOptions options) : IOptionsMonitor<SapEwmOptions>
    {
        public SapEwmOptions CurrentValue => options;

        public SapEwmOptions Get(string? name) => options;

        public IDisposable? OnChange(Action<SapEwmOptions, string?> listener) => null;
    }

    private sealed class NoMeters : IMeterFactory
    {
        public Meter Create(MeterOptions options) => new(options);

        public void Dispose()
        {
        }
    }
}
