using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Xml;
using Connectors.Testing;
using Microsoft.OData.Edm;
using Microsoft.OData.Edm.Csdl;
using Connectors.Testing.SapEwm;

namespace Connectors.Warehouse.SapEwm.Tests;

/// <summary>The emulator's own behaviour, seen by a plain HTTP client.</summary>
public sealed class SapEwmEmulatorTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static HttpClient Client(SapEwmEmulator emulator)
    {
        var client = new HttpClient { BaseAddress = emulator.Host };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{emulator.UserName}:{emulator.Password}")));
        return client;
    }

    [Theory]
    [InlineData(SapEwmEmulator.StockServicePath, "WarehouseAvailableStock")]
    [InlineData(SapEwmEmulator.DeliveryServicePath, "WhseOutboundDeliveryOrderHead")]
    public async Task Metadata_V4Services_CsdlThatCsdlReaderReads(string servicePath, string entitySet)
    {
        await using var emulator = await SapEwmEmulator.StartAsync(cancellationToken: Ct);
        using var client = Client(emulator);

        var xml = await client.GetStringAsync(servicePath + "$metadata", Ct);

        using var reader = XmlReader.Create(new StringReader(xml));
        Assert.True(CsdlReader.TryParse(reader, Enumerable.Empty<IEdmModel>(), new CsdlReaderSettings { IgnoreUnexpectedAttributesAndElements = true }, out var model, out var errors), string.Join("; ", errors?.Select(e => e.ErrorMessage) ?? []));
        Assert.NotNull(model.EntityContainer.FindEntitySet(entitySet));
    }

    [Fact]
    public async Task Metadata_V2SalesOrder_IsSapsEdmx()
    {
        await using var emulator = await SapEwmEmulator.StartAsync(cancellationToken: Ct);
        using var client = Client(emulator);

        var xml = await client.GetStringAsync(SapEwmEmulator.SalesOrderServicePath + "$metadata", Ct);

        Assert.Equal(ContractFiles.ReadText("sap-ewm/sales-order.edmx"), xml);
    }

    [Fact]
    public async Task Post_WithoutCsrfToken_403Required()
    {
        await using var emulator = await SapEwmEmulator.StartAsync(cancellationToken: Ct);
        using var client = Client(emulator);

        using var response = await client.PostAsync(SapEwmEmulator.SalesOrderServicePath + "A_SalesOrder", new StringContent("{}", Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("Required", Assert.Single(response.Headers.GetValues("x-csrf-token")));
    }

    [Fact]
    public async Task Post_TokenFromAnotherSession_403Required()
    {
        await using var emulator = await SapEwmEmulator.StartAsync(cancellationToken: Ct);
        using var first = Client(emulator);
        using var fetch = new HttpRequestMessage(HttpMethod.Get, SapEwmEmulator.SalesOrderServicePath);
        fetch.Headers.Add("x-csrf-token", "Fetch");
        using var fetched = await first.SendAsync(fetch, Ct);
        var token = Assert.Single(fetched.Headers.GetValues("x-csrf-token"));

        // A client without the session cookie (HttpClient here keeps none between clients) cannot use the token.
        using var second = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = emulator.Host };
        second.DefaultRequestHeaders.Authorization = first.DefaultRequestHeaders.Authorization;
        using var post = new HttpRequestMessage(HttpMethod.Post, SapEwmEmulator.SalesOrderServicePath + "A_SalesOrder") { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
        post.Headers.Add("x-csrf-token", token);
        using var refused = await second.SendAsync(post, Ct);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Fact]
    public async Task ShipOnTimer_PeriodPasses_OpenDeliveriesPickedPackedAndGoodsIssued()
    {
        await using var host = await SapTestHost.StartAsync(emulator: e => e.AddStock("1710", "TG11", 10));
        var order = await host.Warehouse_.SubmitOrderAsync(
            new WarehouseOrder("shop-a", "1001", [new WarehouseOrderLine("L1", "TG11", 2, "C1")], shipTo: new Address
            {
                Name = "Ada",
                CountryCode = "DE",
            }), "shop-a:1001", TestContext.Current.CancellationToken);
        var delivery = Assert.Single(host.Emulator.DeliveriesOf(order.WarehouseReference!));
        using var timer = host.Emulator.ShipOnTimer(TimeSpan.FromMinutes(1));

        host.Time.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal([delivery], host.Emulator.OpenDeliveries());

        host.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Empty(host.Emulator.OpenDeliveries());
        Assert.All(host.Emulator.DeliveryItems(delivery), i => Assert.Equal("9", i.GoodsIssueStatus));
        Assert.Equal([("C", 2m)], host.Emulator.WarehouseTasksOf(delivery).Select(t => (t.Status, t.Quantity)));
        Assert.Equal(8m, host.Emulator.StockOf("1710", "TG11"));
    }

    private static async Task<HttpStatusCode> PatchAsync(HttpClient client, string servicePath, string resource, string body)
    {
        using var fetch = new HttpRequestMessage(HttpMethod.Get, servicePath);
        fetch.Headers.Add("x-csrf-token", "Fetch");
        using var fetched = await client.SendAsync(fetch, Ct);
        using var patch = new HttpRequestMessage(HttpMethod.Patch, servicePath + resource) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        patch.Headers.Add("x-csrf-token", Assert.Single(fetched.Headers.GetValues("x-csrf-token")));
        patch.Headers.TryAddWithoutValidation("If-Match", "*");
        using var response = await client.SendAsync(patch, Ct);
        return response.StatusCode;
    }

    private static async Task<(SapTestHost Host, string SalesOrder, string Delivery)> OrderOfThreeAsync()
    {
        var host = await SapTestHost.StartAsync(emulator: e => e.AddProducts("TG11"));
        host.SkipSpecCheck = true; // the requests below are the test's, not the adapter's
        var order = await host.Warehouse_.SubmitOrderAsync(
            new WarehouseOrder("shop-a", "1001", [new WarehouseOrderLine("L1", "TG11", 3, "C1")], shipTo: new Address { Name = "Ada", CountryCode = "DE" }), "shop-a:1001", Ct);
        return (host, order.WarehouseReference!, Assert.Single(host.Emulator.DeliveriesOf(order.WarehouseReference!)));
    }

    [Fact]
    public async Task PatchDeliveryItemQuantity_BeforePicking_TakenDownButNotAboveTheRequestAndNotAfterPickingStarted()
    {
        var (host, _, delivery) = await OrderOfThreeAsync();
        await using var _ = host;
        using var client = Client(host.Emulator);
        var item = $"WhseOutboundDeliveryOrderItem/{delivery}/10";

        Assert.Equal(HttpStatusCode.BadRequest, await PatchAsync(client, SapEwmEmulator.DeliveryServicePath, item, "{\"ProductQuantity\":4}"));
        Assert.Equal(HttpStatusCode.NoContent, await PatchAsync(client, SapEwmEmulator.DeliveryServicePath, item, "{\"ProductQuantity\":2}"));
        Assert.Equal(2m, Assert.Single(host.Emulator.DeliveryItems(delivery)).Quantity);

        host.Emulator.StartPicking(delivery);

        Assert.Equal(HttpStatusCode.BadRequest, await PatchAsync(client, SapEwmEmulator.DeliveryServicePath, item, "{\"ProductQuantity\":1}"));
        Assert.Equal(2m, Assert.Single(host.Emulator.DeliveryItems(delivery)).Quantity);
    }

    [Fact]
    public async Task PatchSalesOrderItemQuantity_BelowWhatItsDeliveryHolds_Refused()
    {
        var (host, salesOrder, _) = await OrderOfThreeAsync();
        await using var _ = host;
        using var client = Client(host.Emulator);
        var item = $"A_SalesOrderItem(SalesOrder='{salesOrder}',SalesOrderItem='10')";

        Assert.Equal(HttpStatusCode.BadRequest, await PatchAsync(client, SapEwmEmulator.SalesOrderServicePath, item, "{\"RequestedQuantity\":\"2\"}"));
        Assert.Equal("3", host.Emulator.SalesOrderField(salesOrder, "RequestedQuantity", "10"));
        Assert.Equal(HttpStatusCode.NoContent, await PatchAsync(client, SapEwmEmulator.SalesOrderServicePath, item, "{\"RequestedQuantity\":\"3\"}"));
    }
}
