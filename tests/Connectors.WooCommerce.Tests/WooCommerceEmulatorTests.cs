using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Connectors.Testing;
using Connectors.WooCommerce.Internal;
using Microsoft.Extensions.DependencyInjection;
using Connectors.Testing.WooCommerce;

namespace Connectors.WooCommerce.Tests;

/// <summary>
/// The emulator against what the real WooCommerce 10.0.2 shop did (recorded in <c>shared/contracts/woocommerce/recorded/</c>
/// and issue 18): requests go through the connector's signed HTTP client, but every assertion is on the raw answer.
/// </summary>
public sealed class WooCommerceEmulatorTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Refunds_ElevenRefunds_PagedByTenWithTotals()
    {
        await using var shop = await WooCommerceEmulator.StartAsync(cancellationToken: Ct);
        var p = shop.AddSimpleProduct("A", 100);
        var order = shop.AddOrder("processing", [new() { ProductId = p, Quantity = 20, Price = 10m }]);
        var line = shop.GetLineItemIds(order)[0];
        for (var i = 0; i < 11; i++)
        {
            shop.AddRefund(order, line, 1, "r" + i);
        }

        await using var sp = Connect(shop);
        var (status, headers, body) = await GetAsync(sp, shop, $"orders/{order}/refunds");
        var (status3, headers3, body3) = await GetAsync(sp, shop, $"orders/{order}/refunds?page=3");

        Assert.Equal(200, status);
        Assert.Equal(10, body.AsArray().Count);
        Assert.Equal("11", headers["X-WP-Total"]);
        Assert.Equal("2", headers["X-WP-TotalPages"]);
        Assert.Contains("rel=\"next\"", headers["Link"], StringComparison.Ordinal);
        Assert.Equal(200, status3); // a page past the end is an empty page, not 400
        Assert.Empty(body3.AsArray());
        Assert.Equal("0", headers3["X-WP-Total"]); // HPOS counts only the rows of the page asked for
        Assert.Equal("0", headers3["X-WP-TotalPages"]);
    }

    [Fact]
    public async Task List_PagePastTheEnd_IsEmpty200_OrdersCountZeroProductsCountAll()
    {
        await using var shop = await WooCommerceEmulator.StartAsync(cancellationToken: Ct);
        var p = shop.AddSimpleProduct("A", 5);
        shop.AddSimpleProduct("B", 5);
        shop.AddOrder("processing", [new() { ProductId = p, Quantity = 1, Price = 10m }]);
        await using var sp = Connect(shop);

        var (orderStatus, orderHeaders, orders) = await GetAsync(sp, shop, "orders?per_page=1&page=5");
        var (productStatus, productHeaders, products) = await GetAsync(sp, shop, "products?per_page=1&page=5");

        Assert.Equal(200, orderStatus);
        Assert.Empty(orders.AsArray());
        Assert.Equal(("0", "0"), (orderHeaders["X-WP-Total"], orderHeaders["X-WP-TotalPages"]));
        Assert.Equal(200, productStatus);
        Assert.Empty(products.AsArray());
        Assert.Equal(("2", "2"), (productHeaders["X-WP-Total"], productHeaders["X-WP-TotalPages"]));
        Assert.Equal($"<{shop.BaseUrl}products?per_page=1&page=2>; rel=\"prev\"", productHeaders["Link"]);
    }

    [Fact]
    public async Task Orders_LinkHeader_IsBuiltAsTheRecordedShopBuildsIt()
    {
        await using var shop = await WooCommerceEmulator.StartAsync(cancellationToken: Ct);
        var p = shop.AddSimpleProduct("A", 50);
        for (var i = 0; i < 3; i++)
        {
            shop.AddOrder("processing", [new() { ProductId = p, Quantity = 1, Price = 10m }]);
        }

        await using var sp = Connect(shop);
        const string Query = "orders?modified_after=2020-11-27T02:31:06&per_page=2&orderby=id&order=asc";
        var (_, first, _) = await GetAsync(sp, shop, Query);
        var (_, second, _) = await GetAsync(sp, shop, Query + "&page=2");
        var (_, single, _) = await GetAsync(sp, shop, $"products/{p}");

        // orders_list_modified_after(_page2).headers.txt, with the emulator's base URL and date.
        var list = shop.BaseUrl + "orders?modified_after=2020-11-27T02%3A31%3A06&per_page=2&orderby=id&order=asc";
        Assert.Equal($"<{list}&status%5B0%5D=any&dp=2&context=view&page=2>; rel=\"next\"", first["Link"]);
        Assert.Equal($"<{list}&page=1&status%5B0%5D=any&dp=2&context=view>; rel=\"prev\"", second["Link"]);
        Assert.Equal($"<{shop.RootUrl}wp-json/>; rel=\"https://api.w.org/\"", single["Link"]);
    }

    [Fact]
    public async Task ProductsBatch_VariationIdAndUnknownIds_GetTheShopsPerItemErrors()
    {
        await using var shop = await WooCommerceEmulator.StartAsync(cancellationToken: Ct);
        var simple = shop.AddSimpleProduct("A", 5);
        var hoodie = shop.AddVariableProduct("Hoodie", "Size", [new()
        {
            Sku = "H-S",
            Option = "S",
            Stock = 1,
        }, new()
        {
            Sku = "H-M",
            Option = "M",
            Stock = 1,
        }]);
        var v = shop.GetVariationIds(hoodie);
        await using var sp = Connect(shop);

        var (status, _, products) = await PostAsync(sp, shop, "products/batch", $$"""{"update":[{"id":{{v[0]}},"stock_quantity":3},{"id":999999,"stock_quantity":3},{"id":{{simple}},"stock_quantity":3}]}""");
        var (vstatus, _, variations) = await PostAsync(sp, shop, $"products/{hoodie}/variations/batch", $$"""{"update":[{"id":999999,"stock_quantity":3},{"id":{{simple}},"stock_quantity":3},{"id":{{v[1]}},"stock_quantity":3}]}""");

        Assert.Equal(200, status);
        var update = products["update"]!.AsArray();
        Assert.Equal(("woocommerce_rest_invalid_product_id", 404), Error(update[0]));
        Assert.Equal(("woocommerce_rest_product_invalid_id", 400), Error(update[1])); // products_batch_mixed.json
        Assert.Null(update[2]!["error"]);
        Assert.Equal(1, shop.GetStock(hoodie, v[0]));
        Assert.Equal(200, vstatus);
        var vupdate = variations["update"]!.AsArray();
        Assert.Equal(404, Error(vupdate[0]).Status);
        Assert.Equal(404, Error(vupdate[1]).Status);
        Assert.Null(vupdate[2]!["error"]);
        Assert.Equal(3, shop.GetStock(hoodie, v[1]));
    }

    /// <summary>
    /// Batch writes of status and stock status: values outside the REST schema's enums ("future" is WordPress's own state
    /// for a scheduled post, not one the API takes) are per-item <c>rest_invalid_param</c> errors that change nothing;
    /// a stock status sent for an item whose stock is managed is stored but the shown one follows the quantity.
    /// </summary>
    [Fact]
    public async Task ProductsBatch_StatusAndStockStatus_EnumsCheckedManagedStockStatusFollowsQuantity()
    {
        await using var shop = await WooCommerceEmulator.StartAsync(cancellationToken: Ct);
        var a = shop.AddSimpleProduct("A", 5);
        var b = shop.AddSimpleProduct("B", 0);
        var c = shop.AddSimpleProduct("C", null);
        await using var sp = Connect(shop);

        var (status, _, body) = await PostAsync(sp, shop, "products/batch", $$"""{"update":[{"id":{{a}},"status":"future","stock_quantity":1},{"id":{{a}},"stock_status":"sold"},{"id":{{b}},"status":"private","stock_status":"instock"},{"id":{{c}},"stock_status":"outofstock"}]}""");

        Assert.Equal(200, status);
        var update = body["update"]!.AsArray();
        Assert.Equal(("rest_invalid_param", 400), Error(update[0]));
        Assert.Equal(("rest_invalid_param", 400), Error(update[1]));
        Assert.Equal(("publish", 5), (shop.GetProductStatus(a), shop.GetStock(a)));
        Assert.Equal(("private", "outofstock"), (update[2]!["status"]!.GetValue<string>(), update[2]!["stock_status"]!.GetValue<string>()));
        Assert.Equal("outofstock", update[3]!["stock_status"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("\"1.5\"", 1)]
    [InlineData("1.9", 1)]
    [InlineData("-3", -3)]
    [InlineData("\"-2\"", -2)]
    [InlineData("\"7 units\"", 7)]
    public async Task ProductsBatch_StockValues_StoredAsTheShopReadsThem(string sent, int stored)
    {
        await using var shop = await WooCommerceEmulator.StartAsync(cancellationToken: Ct);
        var p = shop.AddSimpleProduct("A", 5);
        await using var sp = Connect(shop);

        var (status, _, body) = await PostAsync(sp, shop, "products/batch", $$"""{"update":[{"id":{{p}},"stock_quantity":{{sent}}}]}""");

        Assert.Equal(200, status);
        Assert.Null(body["update"]![0]!["error"]);
        Assert.Equal(stored, shop.GetStock(p));
    }

    [Theory]
    [InlineData(".", "\"12.50\"", "12.50")]
    [InlineData(".", "12.5", "12.5")]
    [InlineData(".", "\"12,50\"", "1250")] // a comma on a point shop is dropped: wc_format_decimal, not an error
    [InlineData(",", "\"1.234,50\"", "1234.50")] // the shop's separator and the point both read as the point; the last one kept
    [InlineData(".", "\"USD 9.99\"", "9.99")]
    [InlineData(".", "\"abc\"", "")]
    public async Task ProductsBatch_PriceStrings_StoredAsWcFormatDecimalMakesThem(string separator, string sent, string stored)
    {
        await using var shop = await WooCommerceEmulator.StartAsync(cancellationToken: Ct);
        shop.PriceDecimalSeparator = separator;
        var p = shop.AddSimpleProduct("A", 5, 3m);
        await using var sp = Connect(shop);

        var (status, _, body) = await PostAsync(sp, shop, "products/batch", $$"""{"update":[{"id":{{p}},"regular_price":{{sent}}}]}""");

        Assert.Equal(200, status);
        Assert.Null(body["update"]![0]!["error"]);
        Assert.Equal(stored, body["update"]![0]!["regular_price"]!.GetValue<string>());
        Assert.Equal(stored, shop.GetPrice(p).RegularPrice);
    }

    [Fact]
    public async Task ProductsBatch_SalePriceNotBelowRegular_StoredButNotOnSale()
    {
        await using var shop = await WooCommerceEmulator.StartAsync(cancellationToken: Ct);
        var p = shop.AddSimpleProduct("A", 5);
        await using var sp = Connect(shop);

        var (_, _, body) = await PostAsync(sp, shop, "products/batch", $$"""{"update":[{"id":{{p}},"regular_price":"10.00","sale_price":"12.00"}]}""");

        var item = body["update"]![0]!;
        Assert.Null(item["error"]);
        Assert.Equal(("10.00", "12.00", "10.00", false), (item["regular_price"]!.GetValue<string>(), item["sale_price"]!.GetValue<string>(), item["price"]!.GetValue<string>(), item["on_sale"]!.GetValue<bool>()));
    }

    [Fact]
    public async Task ProductsBatch_SaleDates_GmtStoredLocalRendered_UnparsableClears_EmptyClears()
    {
        await using var shop = await WooCommerceEmulator.StartAsync(cancellationToken: Ct);
        shop.TimeZone = TimeZoneInfo.CreateCustomTimeZone("UTC+02", TimeSpan.FromHours(2), "UTC+02", "UTC+02");
        var p = shop.AddSimpleProduct("A", 5);
        await using var sp = Connect(shop);

        var (_, _, set) = await PostAsync(sp, shop, "products/batch", $$"""{"update":[{"id":{{p}},"sale_price":"5","date_on_sale_from_gmt":"2030-01-01T10:00:00","date_on_sale_to_gmt":"2030-01-02T10:00:00"}]}""");
        var item = set["update"]![0]!;
        Assert.Equal(("2030-01-01T10:00:00", "2030-01-01T12:00:00"), (item["date_on_sale_from_gmt"]!.GetValue<string>(), item["date_on_sale_from"]!.GetValue<string>()));
        Assert.False(item["on_sale"]!.GetValue<bool>()); // starts in 2030

        var (_, _, cleared) = await PostAsync(sp, shop, "products/batch", $$"""{"update":[{"id":{{p}},"date_on_sale_from_gmt":"not a date","date_on_sale_to_gmt":""}]}""");
        item = cleared["update"]![0]!;
        Assert.Null(item["date_on_sale_from_gmt"]);
        Assert.Null(item["date_on_sale_to_gmt"]);
        Assert.True(item["on_sale"]!.GetValue<bool>()); // 5 below 10 with no window: on sale now
        Assert.Equal("5", item["price"]!.GetValue<string>());
    }

    [Fact]
    public async Task ProductsBatch_VariableProductPrice_ClearedAndObjectValueRefused()
    {
        await using var shop = await WooCommerceEmulator.StartAsync(cancellationToken: Ct);
        var hoodie = shop.AddVariableProduct("Hoodie", "Size", [new()
        {
            Sku = "H-S",
            Option = "S",
            Stock = 1,
        }]);
        var p = shop.AddSimpleProduct("A", 5);
        await using var sp = Connect(shop);

        var (_, _, body) = await PostAsync(sp, shop, "products/batch", $$$"""{"update":[{"id":{{{hoodie}}},"regular_price":"30.00"},{"id":{{{p}}},"regular_price":{"amount":3}}]}""");

        var update = body["update"]!.AsArray();
        Assert.Null(update[0]!["error"]);
        Assert.Equal(string.Empty, update[0]!["regular_price"]!.GetValue<string>());
        Assert.Equal(("rest_invalid_param", 400), Error(update[1]));
        Assert.Equal("10.00", shop.GetPrice(p).RegularPrice);
    }

    [Fact]
    public async Task SettingsGeneral_ListsTheShopsCurrencyAndDecimals()
    {
        await using var shop = await WooCommerceEmulator.StartAsync(cancellationToken: Ct);
        shop.Currency = "EUR";
        shop.PriceDecimals = 3;
        await using var sp = Connect(shop);

        var (status, _, body) = await GetAsync(sp, shop, "settings/general");
        var (one, _, currency) = await GetAsync(sp, shop, "settings/general/woocommerce_currency");
        var (missing, _, error) = await GetAsync(sp, shop, "settings/general/nope");

        Assert.Equal(200, status);
        var values = body.AsArray().ToDictionary(o => o!["id"]!.GetValue<string>(), o => o!["value"]!.GetValue<string>());
        Assert.Equal(("EUR", "3"), (values["woocommerce_currency"], values["woocommerce_price_num_decimals"]));
        Assert.Equal((200, "EUR"), (one, currency["value"]!.GetValue<string>()));
        Assert.Equal((404, "rest_setting_setting_invalid"), (missing, error["code"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Dates_ShopNotInUtc_LocalDatesDifferFromGmt()
    {
        await using var shop = await WooCommerceEmulator.StartAsync(cancellationToken: Ct);
        shop.TimeZone = TimeZoneInfo.CreateCustomTimeZone("UTC+02", TimeSpan.FromHours(2), "UTC+02", "UTC+02");
        var p = shop.AddSimpleProduct("A", 5);
        var order = shop.AddOrder("processing", [new() { ProductId = p, Quantity = 1, Price = 10m }]);
        await using var sp = Connect(shop);

        var (_, _, json) = await GetAsync(sp, shop, $"orders/{order}");

        var gmt = DateTime.Parse(json["date_created_gmt"]!.GetValue<string>(), CultureInfo.InvariantCulture);
        var local = DateTime.Parse(json["date_created"]!.GetValue<string>(), CultureInfo.InvariantCulture);
        Assert.Equal(TimeSpan.FromHours(2), local - gmt);
        Assert.Equal(TimeSpan.FromHours(2), DateTime.Parse(json["date_modified"]!.GetValue<string>(), CultureInfo.InvariantCulture) - DateTime.Parse(json["date_modified_gmt"]!.GetValue<string>(), CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task OrderStatus_ProcessingOnHoldCancelRefund_MoveStockAsTheShopDoes()
    {
        await using var shop = await WooCommerceEmulator.StartAsync(cancellationToken: Ct);
        var p = shop.AddSimpleProduct("A", 10);
        var paid = shop.AddOrder("processing", [new() { ProductId = p, Quantity = 2, Price = 10m }]);
        Assert.Equal(8, shop.GetStock(p)); // a new processing order reduces at once
        var unpaid = shop.AddOrder("pending", [new() { ProductId = p, Quantity = 3, Price = 10m }]);
        Assert.Equal(8, shop.GetStock(p)); // pending payment holds nothing
        shop.SetOrderStatus(unpaid, "on-hold");
        Assert.Equal(5, shop.GetStock(p));
        shop.SetOrderStatus(unpaid, "processing");
        Assert.Equal(5, shop.GetStock(p)); // reduced once per order
        await using var sp = Connect(shop);
        var (status, _, _) = await PutAsync(sp, shop, $"orders/{unpaid}", """{"status":"cancelled"}""");
        Assert.Equal(200, status);
        Assert.Equal(8, shop.GetStock(p)); // cancellation restores
        shop.AddRefund(paid, shop.GetLineItemIds(paid)[0], 1, "back", restock: true);
        Assert.Equal(9, shop.GetStock(p)); // a restocking refund adds
        shop.AddRefund(paid, shop.GetLineItemIds(paid)[0], 1, "kept", restock: false);
        Assert.Equal(9, shop.GetStock(p));
        Assert.Contains(shop.GetOrderNotes(paid), n => n.StartsWith("Stock levels reduced: A (A) 10&rarr;8", StringComparison.Ordinal));
        Assert.Contains(shop.GetOrderNotes(paid), n => n == "Item #" + p.ToString(CultureInfo.InvariantCulture) + " stock increased from 8 to 9.");
    }

    [Fact]
    public async Task OrderStatus_ManageOrderStockOff_LeavesStockAlone()
    {
        await using var shop = await WooCommerceEmulator.StartAsync(cancellationToken: Ct);
        shop.ManageOrderStock = false;
        var p = shop.AddSimpleProduct("A", 10);
        var order = shop.AddOrder("processing", [new() { ProductId = p, Quantity = 2, Price = 10m }]);
        shop.SetOrderStatus(order, "cancelled");

        Assert.Equal(10, shop.GetStock(p));
    }

    [Fact]
    public async Task Webhooks_RestResource_CreatesListsUpdatesAndDeletesWithoutEchoingTheSecret()
    {
        await using var shop = await WooCommerceEmulator.StartAsync(cancellationToken: Ct);
        await using var sp = Connect(shop);

        var (created, _, hook) = await PostAsync(sp, shop, "webhooks", """{"name":"ERP order.created","topic":"order.created","delivery_url":"http://127.0.0.1:9/woo-hook","secret":"test-secret","status":"paused"}""");
        var id = hook["id"]!.GetValue<long>();
        var (listed, _, list) = await GetAsync(sp, shop, "webhooks");
        var (updated, _, changed) = await PutAsync(sp, shop, $"webhooks/{id}", """{"status":"disabled"}""");
        var (badTopic, _, _) = await PostAsync(sp, shop, "webhooks", """{"topic":"order.shipped","delivery_url":"http://127.0.0.1/x"}""");
        var (deleted, _, _) = await SendAsync(sp, shop, HttpMethod.Delete, $"webhooks/{id}?force=true", null);
        var (gone, _, _) = await GetAsync(sp, shop, $"webhooks/{id}");

        Assert.Equal(201, created);
        Assert.Equal(["woocommerce_new_order"], hook["hooks"]!.AsArray().Select(h => h!.GetValue<string>()));
        Assert.Null(hook["secret"]);
        Assert.Equal((200, 1), (listed, list.AsArray().Count));
        Assert.Equal((200, "disabled"), (updated, changed["status"]!.GetValue<string>()));
        Assert.Equal(400, badTopic);
        Assert.Equal((200, 404), (deleted, gone));
    }

    [Fact]
    public async Task Webhooks_RestrictedPorts_DeliveryToAnOtherPortFailsAndDisables()
    {
        await using var shop = await WooCommerceEmulator.StartAsync(cancellationToken: Ct);
        shop.RestrictWebhookPorts = true;
        var received = 0;
        await using var receiver = await Receiver.StartAsync(() => Interlocked.Increment(ref received), Ct);
        var p = shop.AddSimpleProduct("A", 50);
        var hook = shop.AddWebhook("order.created", receiver.Url, "secret");
        for (var i = 0; i < 6; i++)
        {
            shop.AddOrder("processing", [new() { ProductId = p, Quantity = 1, Price = 10m }]);
        }

        await shop.FlushWebhooksAsync(Ct);

        Assert.Equal(0, received); // a random port is neither 80, 443, 8080 nor the shop's own
        Assert.Equal("disabled", shop.GetWebhookStatus(hook));
    }

    [Fact]
    public async Task Webhooks_ShopsOwnPort_IsDelivered()
    {
        await using var shop = await WooCommerceEmulator.StartAsync(cancellationToken: Ct);
        var received = 0;
        await using var receiver = await Receiver.StartAsync(() => Interlocked.Increment(ref received), Ct);
        shop.RestrictWebhookPorts = true;
        shop.HomeUrl = new Uri($"http://127.0.0.1:{receiver.Url.Port}/"); // the receiver shares the site's host and port
        var p = shop.AddSimpleProduct("A", 50);
        shop.AddWebhook("order.created", receiver.Url, "secret");
        shop.AddOrder("processing", [new() { ProductId = p, Quantity = 1, Price = 10m }]);

        await shop.FlushWebhooksAsync(Ct);

        Assert.Equal(2, received); // the creation ping and the delivery
    }

    [Fact]
    public async Task Webhooks_DeliveryIsQueued_PayloadBuiltWhenSent()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var shop = await WooCommerceEmulator.StartAsync(time, Ct);
        shop.WebhookDeliveryDelay = TimeSpan.FromSeconds(5);
        string? body = null;
        await using var receiver = await Receiver.StartAsync(() => { }, Ct, b => body = b);
        var p = shop.AddSimpleProduct("A", 50);
        shop.AddWebhook("order.created", receiver.Url, "secret");
        var order = shop.AddOrder("processing", [new() { ProductId = p, Quantity = 1, Price = 10m }]);
        shop.SetOrderStatus(order, "completed"); // happens before the queue runs

        time.Advance(TimeSpan.FromSeconds(5));
        await shop.FlushWebhooksAsync(Ct);

        Assert.NotNull(body);
        Assert.Equal("completed", JsonNode.Parse(body!)!["status"]!.GetValue<string>());
    }

    private static (string Code, int Status) Error(JsonNode? item) =>
        (item!["error"]!["code"]!.GetValue<string>(), item["error"]!["data"]!["status"]!.GetValue<int>());

    private static ServiceProvider Connect(WooCommerceEmulator shop) =>
        TestHost.Build(o =>
        {
            o.BaseUrl = shop.BaseUrl;
            o.ConsumerKey = shop.ConsumerKey;
            o.ConsumerSecret = shop.ConsumerSecret;
            o.OAuthInHeader = true; // keeps the query (and so the Link header) free of oauth_* parameters
        });

    private static Task<(int, Dictionary<string, string>, JsonNode)> GetAsync(ServiceProvider sp, WooCommerceEmulator shop, string path) =>
        SendAsync(sp, shop, HttpMethod.Get, path, null);

    private static Task<(int, Dictionary<string, string>, JsonNode)> PostAsync(ServiceProvider sp, WooCommerceEmulator shop, string path, string body) =>
        SendAsync(sp, shop, HttpMethod.Post, path, body);

    private static Task<(int, Dictionary<string, string>, JsonNode)> PutAsync(ServiceProvider sp, WooCommerceEmulator shop, string path, string body) =>
        SendAsync(sp, shop, HttpMethod.Put, path, body);

    private static async Task<(int, Dictionary<string, string>, JsonNode)> SendAsync(ServiceProvider sp, WooCommerceEmulator shop, HttpMethod method, string path, string? body)
    {
        var client = sp.GetRequiredService<IHttpClientFactory>().CreateClient(WooCommerceClient.HttpClientName(TestHost.Channel));
        using var request = new HttpRequestMessage(method, new Uri(shop.BaseUrl, path));
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        using var response = await client.SendAsync(request, Ct);
        var headers = response.Headers.ToDictionary(h => h.Key, h => string.Join(", ", h.Value), StringComparer.OrdinalIgnoreCase);
        var text = await response.Content.ReadAsStringAsync(Ct);
        return ((int)response.StatusCode, headers, JsonNode.Parse(text)!);
    }

    /// <summary>A loopback listener that counts what it receives.</summary>
    private sealed class Receiver : IAsyncDisposable
    {
        private readonly HttpListener _listener;
        private readonly Task _loop;

        private Receiver(HttpListener listener, Task loop, Uri url)
        {
            _listener = listener;
            _loop = loop;
            Url = url;
        }

        public Uri Url { get; }

        public static Task<Receiver> StartAsync(Action received, CancellationToken cancellationToken, Action<string>? body = null)
        {
            for (var attempt = 0; ; attempt++)
            {
                var port = Random.Shared.Next(20000, 60000);
                var listener = new HttpListener();
                listener.Prefixes.Add($"http://127.0.0.1:{port}/");
                try
                {
                    listener.Start();
                }
                catch (HttpListenerException) when (attempt < 20)
                {
                    continue;
                }

                var loop = Task.Run(
                    async () =>
                    {
                        while (listener.IsListening)
                        {
                            HttpListenerContext context;
                            try
                            {
                                context = await listener.GetContextAsync();
                            }
                            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
                            {
                                return;
                            }

                            using (var reader = new StreamReader(context.Request.InputStream))
                            {
                                var text = await reader.ReadToEndAsync(cancellationToken);
                                if (context.Request.ContentType?.StartsWith("application/json", StringComparison.Ordinal) == true)
                                {
                                    body?.Invoke(text);
                                }
                            }

                            received();
                            context.Response.StatusCode = 200;
                            context.Response.Close();
                        }
                    },
                    cancellationToken);
                return Task.FromResult(new Receiver(listener, loop, new Uri($"http://127.0.0.1:{port}/woo-hook")));
            }
        }

        public async ValueTask DisposeAsync()
        {
            _listener.Stop();
            _listener.Close();
            await _loop;
        }
    }
}
