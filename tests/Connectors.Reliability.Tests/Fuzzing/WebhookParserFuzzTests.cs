using System.Text.Json.Nodes;
using Connectors.WooCommerce;
using CsCheck;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Connectors.Reliability.Tests.Fuzzing;

/// <summary>
/// Scenario 2 (webhooks): both connectors' webhook parsers fed mutated documented payloads and random JSON. The only
/// exception allowed is the typed one (the <see cref="ConnectorException"/> family: <see cref="WebhookPayloadException"/>).
/// </summary>
public sealed class WebhookParserFuzzTests
{
    private static readonly (string Topic, string File)[] ShopifySeeds =
    [
        ("orders/create", "shopify/webhooks/orders/create.json"),
        ("orders/updated", "shopify/webhooks/orders/updated.json"),
        ("orders/cancelled", "shopify/webhooks/orders/cancelled.json"),
        ("inventory_levels/update", "shopify/webhooks/inventory_levels/update.json"),
        ("returns/request", "shopify/webhooks/returns/request.json"),
        ("fulfillments/create", "shopify/webhooks/fulfillments/create.json"),
    ];

    private static readonly (string Topic, string File)[] WooSeeds =
    [
        ("order.created", "woocommerce/recorded/webhook_delivery_order_created.body.json"),
        ("order.updated", "woocommerce/recorded/webhook_delivery_order_updated.body.json"),
        ("order.updated", "woocommerce/recorded/order_c_cancelled.json"),
        ("order.deleted", "woocommerce/recorded/order_b_update.json"),
        ("product.updated", "woocommerce/recorded/product_simple.json"),
        ("product.updated", "woocommerce/recorded/product_unicode_sku.json"),
        ("product.created", "woocommerce/recorded/product_variable.json"),
    ];

    [Fact]
    public void Parse_ShopifyMutatedAndRandomPayloads_OnlyTypedErrors()
    {
        using var services = Services();
        var handler = services.GetServices<IWebhookHandler>().Single(h => h.Channel == "fuzz-shopify");
        var seeds = ShopifySeeds.Select(s => (s.Topic, Body: JsonNode.Parse(ContractFiles.ReadText(s.File))!["response"]!.ToJsonString())).ToList();
        Run("shopify webhook", handler, seeds, topic => new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["X-Shopify-Topic"] = topic,
            ["X-Shopify-Webhook-Id"] = "b54557e4-bdd9-4b37-8a5f-bf7d70bcd043",
            ["X-Shopify-Triggered-At"] = "2026-01-01T00:00:00Z",
        });
    }

    [Fact]
    public void Parse_WooCommerceMutatedAndRandomPayloads_OnlyTypedErrors()
    {
        using var services = Services();
        var handler = new WooCommerceWebhookHandler("fuzz-woo", services.GetRequiredService<IOptionsMonitor<WooCommerceOptions>>());
        var seeds = WooSeeds.Select(s => (s.Topic, Body: ContractFiles.ReadText(s.File))).ToList();
        Run("woocommerce webhook", handler, seeds, topic => new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["X-WC-Webhook-Topic"] = topic,
            ["X-WC-Webhook-Delivery-ID"] = "9f0c3b",
            ["X-WC-Webhook-Signature"] = "signed",
        });
    }

    private static void Run(string target, IWebhookHandler handler, List<(string Topic, string Body)> seeds, Func<string, Dictionary<string, string>> headers)
    {
        // The documented payloads themselves parse, or fail typed (Shopify's documented returns/request has no lines).
        foreach (var (topic, body) in seeds)
        {
            try
            {
                handler.Parse(new WebhookRequest
                {
                    Channel = handler.Channel,
                    Headers = headers(topic),
                    Body = JsonMutator.Utf8(body),
                    ReceivedAt = DateTimeOffset.UtcNow,
                    ContentType = "application/json",
                });
            }
            catch (ConnectorException)
            {
            }
        }

        long inputs = 0, typed = 0;
        JsonMutator.Inputs([.. seeds.Select(s => s.Body)]).Sample(
            input =>
            {
                Interlocked.Increment(ref inputs);
                var request = new WebhookRequest
                {
                    Channel = handler.Channel,
                    Headers = headers(seeds[input.Seed].Topic),
                    Body = JsonMutator.Utf8(input.Text),
                    ReceivedAt = DateTimeOffset.UtcNow,
                    ContentType = "application/json",
                };
                try
                {
                    handler.Parse(request);
                }
                catch (ConnectorException)
                {
                    Interlocked.Increment(ref typed);
                }
            },
            time: JsonMutator.Seconds,
            threads: 1,
            print: input => $"topic {seeds[input.Seed].Topic}: {input.Text}");
        TestContext.Current.TestOutputHelper!.WriteLine($"{target}: {inputs} inputs in {JsonMutator.Seconds} s, {typed} rejected with a typed error, {inputs - typed} parsed, 0 other exceptions");
        Assert.True(inputs > 0);
    }

    private static ServiceProvider Services()
    {
        var services = new ServiceCollection();
        services.AddConnectors()
            .AddShopify("fuzz-shopify", o =>
            {
                o.ShopDomain = "fuzz.myshopify.com";
                o.AccessToken = "shpat_fuzz";
                o.ClientSecret = "fuzz-secret";
            })
            .AddWooCommerce("fuzz-woo", o =>
            {
                o.BaseUrl = new Uri("http://127.0.0.1:9/wp-json/wc/v3/");
                o.ConsumerKey = "ck_fuzz";
                o.ConsumerSecret = "cs_fuzz";
                o.WebhookSecret = "fuzz";
            });
        return services.BuildServiceProvider();
    }
}
