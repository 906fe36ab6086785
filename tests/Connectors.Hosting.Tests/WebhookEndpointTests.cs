using System.Net;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Hosting.Tests;

public class WebhookEndpointTests
{
    private static string Body(string id) => $"{{\"id\":\"{id}\",\"updated_at\":\"2026-01-01T00:00:00Z\"}}";

    [Fact]
    public async Task Post_ValidSignature_OrderReachesWarehouse()
    {
        await using var host = await TestHost.StartAsync(o => o.PollOrders = false);
        host.Channel.Inner.PutOrder(ModelFactory.Order("store-a", "1001", [("S1", 2)], updatedAt: DateTimeOffset.UtcNow));

        var response = await host.PostWebhookAsync(Body("1001"), delivery: "d-1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await TestHost.EventuallyAsync(() => Task.FromResult(host.Warehouse.Orders.ContainsKey(("store-a", "1001"))), "order 1001 in the WMS");
        Assert.Equal(2m, host.Warehouse.Orders[("store-a", "1001")].Lines.Single().Quantity);
    }

    [Fact]
    public async Task Post_SameDeliveryTwice_OneWarehouseSubmission()
    {
        await using var host = await TestHost.StartAsync(o => o.PollOrders = false);
        host.Channel.Inner.PutOrder(ModelFactory.Order("store-a", "1002", [("S1", 1)], updatedAt: DateTimeOffset.UtcNow));

        await host.PostWebhookAsync(Body("1002"), delivery: "d-2");
        await host.PostWebhookAsync(Body("1002"), delivery: "d-2");

        await TestHost.EventuallyAsync(() => Task.FromResult(host.Warehouse.Orders.ContainsKey(("store-a", "1002"))), "order 1002 in the WMS");
        await TestHost.EventuallyAsync(async () => await host.Store.CountPendingAsync(WorkQueue.Inbox) == 0, "inbox drained");
        Assert.Equal(1, host.Warehouse.SubmitCalls);
    }

    [Theory]
    [InlineData("AAAA")]
    [InlineData("")]
    [InlineData("bm90LXRoZS1yaWdodC1zaWduYXR1cmUtYXQtYWxsLXJlYWxseQ==")]
    public async Task Post_ForgedSignature_Returns401AndQueuesNothing(string signature)
    {
        await using var host = await TestHost.StartAsync(o => o.PollOrders = false);

        var response = await host.PostWebhookAsync(Body("1003"), signature);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, await host.Store.CountPendingAsync(WorkQueue.Inbox, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Null(await host.Store.GetOrderRecordAsync("store-a", "1003", TestContext.Current.CancellationToken));
        Assert.Empty(host.Warehouse.Orders);
    }

    [Fact]
    public async Task Post_TamperedBody_Returns401()
    {
        await using var host = await TestHost.StartAsync(o => o.PollOrders = false);
        var signed = WebhookSignature.ComputeHmacSha256Base64(System.Text.Encoding.UTF8.GetBytes(Body("1004")), TestHost.Secret);

        var response = await host.PostWebhookAsync(Body("1005"), signed);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Post_OversizedBody_Returns413()
    {
        await using var host = await TestHost.StartAsync();

        var response = await host.PostWebhookAsync("{\"id\":\"1\",\"pad\":\"" + new string('x', 5000) + "\"}");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Post_UnknownChannel_Returns404()
    {
        await using var host = await TestHost.StartAsync();

        var response = await host.PostWebhookAsync(Body("1"), channel: "store-zzz");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Post_Ping_Returns200AndQueuesNothing()
    {
        await using var host = await TestHost.StartAsync();

        var response = await host.PostWebhookAsync("webhook_id=12", signature: "none", ping: true);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, await host.Store.CountPendingAsync(WorkQueue.Inbox, cancellationToken: TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Post_AuthenticMalformedBody_IsDeadLetteredWithBodyAndReason()
    {
        await using var host = await TestHost.StartAsync();
        const string body = "{\"updated_at\":\"2026-01-01T00:00:00Z\"}";

        var response = await host.PostWebhookAsync(body);
        await host.PostWebhookAsync(body);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var letters = new List<DeadLetter>();
        await foreach (var letter in host.Store.ListDeadLettersAsync("store-a", TestContext.Current.CancellationToken))
        {
            letters.Add(letter);
        }

        var only = Assert.Single(letters);
        Assert.Equal(body, only.Payload);
        Assert.Contains("$.id", only.Reason, StringComparison.Ordinal);
        Assert.Equal(nameof(WebhookPayloadException), only.ErrorType);
    }

    [Fact]
    public async Task Post_HandlerRegisteredInDi_IsUsedForItsChannel()
    {
        var handler = new SignedWebhookChannel(new FakeChannel("store-c"), "other-secret");
        await using var host = await TestHost.StartAsync(services: s => s.AddSingleton<IWebhookHandler>(handler));
        const string body = "{\"id\":\"9\",\"updated_at\":\"2026-01-01T00:00:00Z\"}";

        var forged = await host.PostWebhookAsync(body, channel: "store-c");
        var signed = await host.PostWebhookAsync(body, WebhookSignature.ComputeHmacSha256Base64(System.Text.Encoding.UTF8.GetBytes(body), "other-secret"), channel: "store-c");

        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, signed.StatusCode);
    }
}
