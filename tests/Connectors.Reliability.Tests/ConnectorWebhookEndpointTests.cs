using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Connectors.Reliability.Tests.Infrastructure;
using Connectors.Testing.Shopify;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using System.Diagnostics.Metrics;
using Connectors.Testing.WooCommerce;

namespace Connectors.Reliability.Tests;

/// <summary>
/// Scenario 1: forged and hostile input through <c>MapConnectorWebhooks</c> on Kestrel (127.0.0.1), both platforms.
/// Polling is off, so a webhook is the only way an order could reach the WMS: forged deliveries name real orders, and
/// the WMS must still not see them; authentic but malformed ones are dead letters; the host keeps serving.
/// </summary>
public sealed class ConnectorWebhookEndpointTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task MapConnectorWebhooks_ForgedAndHostileDeliveries_RejectedCountedNothingReachesWmsHostKeepsServing()
    {
        var output = TestContext.Current.TestOutputHelper!;
        var port = Loopback.FreePort();
        await using var shops = await Shops.StartAsync(port, 3, Ct, shopifyWebhooks: false);
        var warehouse = new StockWarehouse(shops.Skus.Select(s => (s, 50)));
        await using var app = ReliabilityHost.Build(shops.Settings(port) with { PollOrders = false }, warehouse);
        using var received = new MetricCollector<long>(app.Services.GetRequiredService<IMeterFactory>(), ConnectorsTelemetry.Name, "connectors.webhooks.received");
        await app.StartAsync(Ct);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };

        // Real orders on both shops, never delivered by the shops themselves.
        var shopifyOrder = await shops.Shopify.CreateOrderAsync([new ShopifyEmulatorLine
        {
            Sku = shops.Skus[0],
            Quantity = 1,
            UnitPrice = 10m,
        }], "EUR", Ct);
        var shopifyBody = ShopifyOrderBody(shopifyOrder);
        var wooOrder = shops.Woo.AddOrder("processing", [new WooCommerceEmulatorLine
        {
            ProductId = shops.WooProducts[shops.Skus[1]],
            Quantity = 2,
            Price = 10m,
        }]);
        var wooBody = WooOrderBody(wooOrder, shops.WooProducts[shops.Skus[1]], shops.Skus[1]);
        var shopifySecret = shops.Shopify.Options.ClientSecret;

        var cases = new List<(string Name, HttpRequestMessage Request, HttpStatusCode Expected, string Outcome)>
        {
            ("shopify: signature missing", Shopify(shopifyBody, null), HttpStatusCode.Unauthorized, "forged"),
            ("shopify: signed with another secret", Shopify(shopifyBody, Sign(shopifyBody, "not-the-secret")), HttpStatusCode.Unauthorized, "forged"),
            ("shopify: body tampered after signing", Shopify(shopifyBody.Replace("\"EUR\"", "\"USD\"", StringComparison.Ordinal), Sign(shopifyBody, shopifySecret)), HttpStatusCode.Unauthorized, "forged"),
            ("shopify: signature not base64", Shopify(shopifyBody, "%%%not-base64%%%"), HttpStatusCode.Unauthorized, "forged"),
            ("shopify: signature of an empty body", Shopify(shopifyBody, Sign(string.Empty, shopifySecret)), HttpStatusCode.Unauthorized, "forged"),
            ("shopify: huge body with Content-Length", Shopify(Huge(), Sign(Huge(), shopifySecret)), HttpStatusCode.RequestEntityTooLarge, "too_large"),
            ("shopify: huge body chunked", Chunked(Shopify(Huge(), Sign(Huge(), shopifySecret))), HttpStatusCode.RequestEntityTooLarge, "too_large"),
            ("woocommerce: signature missing", Woo(wooBody, null), HttpStatusCode.Unauthorized, "forged"),
            ("woocommerce: signed with another secret", Woo(wooBody, Sign(wooBody, "whsec-guess")), HttpStatusCode.Unauthorized, "forged"),
            ("woocommerce: body tampered after signing", Woo(wooBody.Replace("\"quantity\":2", "\"quantity\":200", StringComparison.Ordinal), Sign(wooBody, Shops.WooWebhookSecret)), HttpStatusCode.Unauthorized, "forged"),
            ("woocommerce: signed with the Shopify secret", Woo(wooBody, Sign(wooBody, shopifySecret)), HttpStatusCode.Unauthorized, "forged"),
            ("woocommerce: form body posing as a ping, wrong content type", Woo("webhook_id=12", null, "text/plain"), HttpStatusCode.Unauthorized, "forged"),
            ("woocommerce: XML, unsigned", Woo("<order><id>1</id></order>", null, "application/xml"), HttpStatusCode.Unauthorized, "forged"),
            ("woocommerce: huge body", Woo(Huge(), Sign(Huge(), Shops.WooWebhookSecret)), HttpStatusCode.RequestEntityTooLarge, "too_large"),
            ("unknown channel", Post("webhooks/shop-z", shopifyBody, "application/json"), HttpStatusCode.NotFound, "unknown_channel"),
        };

        var malformed = new List<(string Name, HttpRequestMessage Request)>
        {
            ("shopify: id is a string", Shopify("""{"id":"12","line_items":[]}""", Sign("""{"id":"12","line_items":[]}""", shopifySecret))),
            ("shopify: id null", Shopify("""{"id":null}""", Sign("""{"id":null}""", shopifySecret))),
            ("shopify: body is an array", Shopify("[1,2,3]", Sign("[1,2,3]", shopifySecret))),
            ("shopify: not JSON, text/plain", Shopify("hello", Sign("hello", shopifySecret), "text/plain")),
            ("shopify: line_items is a number", Shopify("""{"id":5,"line_items":7}""", Sign("""{"id":5,"line_items":7}""", shopifySecret))),
            ("woocommerce: quantity is an object", Woo(wooBody.Replace("\"quantity\":2", "\"quantity\":{}", StringComparison.Ordinal), Sign(wooBody.Replace("\"quantity\":2", "\"quantity\":{}", StringComparison.Ordinal), Shops.WooWebhookSecret))),
            ("woocommerce: currency null", Woo(wooBody.Replace("\"EUR\"", "null", StringComparison.Ordinal), Sign(wooBody.Replace("\"EUR\"", "null", StringComparison.Ordinal), Shops.WooWebhookSecret))),
            ("woocommerce: literal null", Woo("null", Sign("null", Shops.WooWebhookSecret))),
            ("woocommerce: empty body, JSON type", Woo(string.Empty, Sign(string.Empty, Shops.WooWebhookSecret))),
            ("woocommerce: XML, signed", Woo("<order/>", Sign("<order/>", Shops.WooWebhookSecret), "application/xml")),
        };

        foreach (var (name, request, expected, _) in cases)
        {
            using (request)
            using (var response = await http.SendAsync(request, Ct))
            {
                output.WriteLine($"{name}: {(int)response.StatusCode}");
                Assert.True(expected == response.StatusCode, $"{name}: expected {(int)expected}, got {(int)response.StatusCode}");
            }
        }

        foreach (var (name, request) in malformed)
        {
            using (request)
            using (var response = await http.SendAsync(request, Ct))
            {
                output.WriteLine($"{name}: {(int)response.StatusCode}");
                Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{name}: expected 202 (dead-lettered), got {(int)response.StatusCode}");
            }
        }

        // Nothing forged or malformed was queued (the answer comes after the inbox decision), so nothing can reach the WMS
        // later; no waiting to see that it does not. The end of the test checks the WMS once the inbox has drained.
        var store = app.Services.GetRequiredService<ISyncStateStore>();
        Assert.Equal(0L, await store.CountPendingAsync(WorkQueue.Inbox, cancellationToken: Ct));
        Assert.Empty(warehouse.Orders);

        var deadLetters = await app.Services.GetRequiredService<IDeadLetters>().ListAsync(cancellationToken: Ct).ToListAsync(Ct);
        foreach (var letter in deadLetters)
        {
            output.WriteLine($"dead letter {letter.Id}: {letter.ErrorType}: {letter.Reason}");
        }

        Assert.Equal(malformed.Count, deadLetters.Count);
        Assert.All(deadLetters, d => Assert.Equal(nameof(WebhookPayloadException), d.ErrorType));
        Assert.All(deadLetters, d => Assert.False(string.IsNullOrWhiteSpace(d.Reason)));

        // The host keeps serving: authentic deliveries of both orders, each sent twice (a replay), reach the WMS once.
        foreach (var request in new[] { Shopify(shopifyBody, Sign(shopifyBody, shopifySecret)), Shopify(shopifyBody, Sign(shopifyBody, shopifySecret)), Woo(wooBody, Sign(wooBody, Shops.WooWebhookSecret)), Woo(wooBody, Sign(wooBody, Shops.WooWebhookSecret)) })
        {
            using (request)
            using (var response = await http.SendAsync(request, Ct))
            {
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }
        }

        Assert.True(await Eventually.WaitAsync(() => warehouse.Orders.Count == 2, TimeSpan.FromSeconds(20), Ct), $"{warehouse.Orders.Count} of 2 authentic orders reached the WMS");
        Assert.True(
            await Eventually.WaitAsync(async () => await store.CountPendingAsync(WorkQueue.Inbox, cancellationToken: Ct) == 0, TimeSpan.FromSeconds(20), Ct),
            "the inbox did not drain after the authentic orders");
        Assert.Equal(2, warehouse.Orders.Count); // with the inbox drained, nothing else can still arrive
        Assert.All(warehouse.Acceptances.Values, count => Assert.Equal(1, count));

        var outcomes = received.GetMeasurementSnapshot()
            .GroupBy(m => (string)m.Tags[ConnectorsTelemetry.OutcomeTag]!)
            .ToDictionary(g => g.Key, g => g.Sum(m => m.Value), StringComparer.Ordinal);
        output.WriteLine("connectors.webhooks.received: " + string.Join(", ", outcomes.Select(o => o.Key + "=" + o.Value)));
        foreach (var group in cases.GroupBy(c => c.Outcome))
        {
            Assert.Equal(group.Count(), outcomes.GetValueOrDefault(group.Key));
        }

        Assert.Equal(malformed.Count, outcomes.GetValueOrDefault("malformed"));
        Assert.Equal(2, outcomes.GetValueOrDefault("accepted"));
        Assert.Equal(2, outcomes.GetValueOrDefault("duplicate"));
        output.WriteLine($"rejected {cases.Count}, dead-lettered {malformed.Count}, authentic accepted 2, replays de-duplicated 2, orders in WMS {warehouse.Orders.Count}");
        await app.StopAsync(CancellationToken.None);
    }

    private static string Huge() => "{\"id\":1,\"pad\":\"" + new string('x', 100 * 1024) + "\"}";

    private static string Sign(string body, string secret) => WebhookSignature.ComputeHmacSha256Base64(Encoding.UTF8.GetBytes(body), secret);

    private static HttpRequestMessage Post(string path, string body, string contentType)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return request;
    }

    private static HttpRequestMessage Shopify(string body, string? signature, string contentType = "application/json")
    {
        var request = Post("webhooks/" + HostSettings.Shopify, body, contentType);
        request.Headers.Add("X-Shopify-Topic", "orders/create");
        request.Headers.Add("X-Shopify-Webhook-Id", "b54557e4-bdd9-4b37-8a5f-bf7d70bcd043");
        request.Headers.Add("X-Shopify-Shop-Domain", "emulated-shop.myshopify.com");
        if (signature is not null)
        {
            request.Headers.Add("X-Shopify-Hmac-Sha256", signature);
        }

        return request;
    }

    private static HttpRequestMessage Woo(string body, string? signature, string contentType = "application/json")
    {
        var request = Post("webhooks/" + HostSettings.Woo, body, contentType);
        request.Headers.Add("X-WC-Webhook-Topic", "order.created");
        request.Headers.Add("X-WC-Webhook-Delivery-ID", "5a1c0e2b7f");
        if (signature is not null)
        {
            request.Headers.Add("X-WC-Webhook-Signature", signature);
        }

        return request;
    }

    private static HttpRequestMessage Chunked(HttpRequestMessage request)
    {
        var bytes = request.Content!.ReadAsByteArrayAsync().GetAwaiter().GetResult();
        var type = request.Content.Headers.ContentType;
        request.Content = new StreamContent(new MemoryStream(bytes));
        request.Content.Headers.ContentType = type;
        request.Headers.TransferEncodingChunked = true;
        return request;
    }

    private static string ShopifyOrderBody(string orderGid)
    {
        var id = orderGid[(orderGid.LastIndexOf('/') + 1)..];
        return $$"""{"id":{{id}},"admin_graphql_api_id":"{{orderGid}}","currency":"EUR","updated_at":"{{DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture)}}","line_items":[]}""";
    }

    private static string WooOrderBody(long orderId, long productId, string sku)
    {
        var now = DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
        return $$"""{"id":{{orderId}},"status":"processing","currency":"EUR","date_created_gmt":"{{now}}","date_modified_gmt":"{{now}}","date_paid_gmt":"{{now}}","total":"20.00","shipping":{"first_name":"Ada","last_name":"Lovelace","address_1":"1 Analytical Way","city":"London","postcode":"N1 1AA","country":"GB"},"line_items":[{"id":1,"product_id":{{productId}},"variation_id":0,"sku":"{{sku}}","quantity":2,"subtotal":"20.00","total":"20.00","price":10}]}""";
    }
}
