using Connectors.WooCommerce.Internal;
using Connectors.WooCommerce.Internal.Json;

namespace Connectors.WooCommerce.Tests;

public sealed class WooCommerceClientTests
{
    [Fact]
    public void MapError_Recorded401WrongSecret_IsAuthenticationError()
    {
        var ex = WooCommerceClient.MapError(401, Recorded.Text("error_401_wrong_secret.json"), "application/json", null, "GET orders");

        var auth = Assert.IsType<ConnectorAuthenticationException>(ex);
        Assert.Equal("woocommerce_rest_authentication_error", auth.ErrorCode);
        Assert.Contains("Consumer secret is invalid.", auth.Message, StringComparison.Ordinal);
        Assert.False(auth.IsTransient);
        Assert.DoesNotContain("cs_", auth.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MapError_Recorded404_IsNotFound()
    {
        var ex = WooCommerceClient.MapError(404, Recorded.Text("error_404_unknown_order.json"), "application/json", null, "GET orders/999999");

        var notFound = Assert.IsType<ConnectorNotFoundException>(ex);
        Assert.Equal("woocommerce_rest_shop_order_invalid_id", notFound.ErrorCode);
    }

    [Fact]
    public void MapError_Recorded400InvalidStatus_IsValidationWithParameter()
    {
        var ex = WooCommerceClient.MapError(400, Recorded.Text("error_400_invalid_status.json"), "application/json", null, "PUT orders/125");

        var validation = Assert.IsType<WooCommerceRequestValidationException>(ex);
        Assert.Equal("rest_invalid_param", validation.ErrorCode);
        Assert.StartsWith("status is not one of", validation.Parameters["status"], StringComparison.Ordinal);
        Assert.False(validation.IsTransient);
    }

    [Fact]
    public void MapError_Recorded413_KeepsStatusAndCode()
    {
        var ex = WooCommerceClient.MapError(413, Recorded.Text("products_batch_101_items_413.json"), "application/json", null, "POST products/batch");

        Assert.Equal(413, ex.StatusCode);
        Assert.Equal("woocommerce_rest_request_entity_too_large", ex.ErrorCode);
        Assert.False(ex.IsTransient);
    }

    [Fact]
    public void MapError_429HtmlWithRetryAfter_IsRateLimitedAndTransient()
    {
        var ex = WooCommerceClient.MapError(429, "<html><body><h1>429 Too Many Requests</h1></body></html>", "text/html", TimeSpan.FromSeconds(7), "GET orders");

        var limited = Assert.IsType<ConnectorRateLimitedException>(ex);
        Assert.Equal(TimeSpan.FromSeconds(7), limited.RetryAfter);
        Assert.True(limited.IsTransient);
    }

    [Fact]
    public void MapError_MaintenancePage503_IsTransientAndQuotesTheBody()
    {
        const string page = "<!DOCTYPE html><html><head><title>Maintenance</title></head><body><h1>Briefly unavailable for scheduled maintenance. Check back in a minute.</h1></body></html>";

        var ex = WooCommerceClient.MapError(503, page, "text/html", null, "GET orders");

        Assert.True(ex.IsTransient);
        Assert.Equal(503, ex.StatusCode);
        Assert.Contains("text/html", ex.Message, StringComparison.Ordinal);
        Assert.Contains("<!DOCTYPE html><html><head><title>Maintenance", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MapError_WafPage403_IsAuthenticationErrorQuotingThePage()
    {
        var ex = WooCommerceClient.MapError(403, "<html><title>Access denied | Cloudflare</title></html>", "text/html", null, "GET orders");

        Assert.IsType<ConnectorAuthenticationException>(ex);
        Assert.Contains("Access denied", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_HtmlOn200_ThrowsTypedErrorQuotingTheStart()
    {
        var client = TestHost.Client();
        var body = "<html><head><title>Just a moment...</title></head><body>" + new string('x', 5000) + "</body></html>";

        var ex = Assert.Throws<ConnectorRequestFailedException>(() => client.Parse(body, WooJsonContext.Default.ListWooOrder, 200, "text/html", "GET orders"));

        Assert.Equal("invalid_response", ex.ErrorCode);
        Assert.Contains("<html><head><title>Just a moment...", ex.Message, StringComparison.Ordinal);
        Assert.True(ex.Message.Length < 600);
        Assert.True(ex.IsTransient);
    }

    [Fact]
    public void Parse_PhpNoticeBeforeJson_SkipsTheNotice()
    {
        var client = TestHost.Client();
        var body = "<br />\n<b>Notice</b>:  Undefined index: foo in <b>/var/www/plugin.php</b> on line <b>12</b><br />\n" + Recorded.Text("order_b_on_hold.json");

        var order = client.Parse(body, WooJsonContext.Default.WooOrder, 200, "application/json", "GET orders/125");

        Assert.Equal(125, order.Id);
    }

    [Fact]
    public void Parse_TruncatedJson_ThrowsInvalidJsonWithPath()
    {
        var client = TestHost.Client();

        var ex = Assert.Throws<ConnectorRequestFailedException>(() => client.Parse("[{\"id\":117,\"name\":\"T-Shirt\",\"stock_quan", WooJsonContext.Default.ListWooProduct, 200, "application/json", "GET products"));

        Assert.Equal("invalid_json", ex.ErrorCode);
        Assert.Contains("[{\"id\":117", ex.Message, StringComparison.Ordinal);
        Assert.True(ex.IsTransient); // cut off in transit: another try may read it whole
    }

    [Fact]
    public void Parse_WellFormedJsonOfTheWrongShape_ThrowsInvalidJsonPermanent()
    {
        var client = TestHost.Client();

        var ex = Assert.Throws<ConnectorRequestFailedException>(() => client.Parse("{\"id\":117}", WooJsonContext.Default.ListWooProduct, 200, "application/json", "GET products"));

        Assert.Equal("invalid_json", ex.ErrorCode);
        Assert.False(ex.IsTransient);
    }

    [Fact]
    public void ParseUtf8_TruncatedListWhereAnObjectBelongs_ThrowsInvalidJsonTransient()
    {
        var body = System.Text.Encoding.UTF8.GetBytes("[{\"id\":117,\"name\":\"T-Shirt Red M\",\"stock_quan");

        var ex = Assert.Throws<ConnectorRequestFailedException>(() => WooCommerceClient.ParseUtf8(body, WooJsonContext.Default.WooOrder, 200, "GET orders/118"));

        Assert.Equal("invalid_json", ex.ErrorCode);
        Assert.True(ex.IsTransient); // cut off in transit, although the deserializer stopped at the '[' first
    }

    [Fact]
    public void ParseUtf8_WellFormedJsonOfTheWrongShape_ThrowsInvalidJsonPermanent()
    {
        var body = System.Text.Encoding.UTF8.GetBytes("[{\"id\":117}]");

        var ex = Assert.Throws<ConnectorRequestFailedException>(() => WooCommerceClient.ParseUtf8(body, WooJsonContext.Default.WooOrder, 200, "GET orders/118"));

        Assert.Equal("invalid_json", ex.ErrorCode);
        Assert.False(ex.IsTransient);
    }

    [Theory]
    [InlineData("https://shop.example", "https://shop.example/wp-json/wc/v3/")]
    [InlineData("https://shop.example/wp-json/wc/v3", "https://shop.example/wp-json/wc/v3/")]
    [InlineData("https://shop.example/blog/wp-json/wc/v3/", "https://shop.example/blog/wp-json/wc/v3/")]
    public void ApiBase_AnyForm_NormalisesToV3(string configured, string expected)
    {
        Assert.Equal(expected, WooCommerceClient.ApiBase(new WooCommerceOptions { BaseUrl = new Uri(configured) }).ToString());
    }
}
