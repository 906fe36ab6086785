using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Magento.Tests;

/// <summary>Adobe Commerce webhook deliveries: RSA-SHA256 signatures with the store's key pair, and the order payload.</summary>
public sealed class MagentoWebhookHandlerTests : IDisposable
{
    private static readonly DateTimeOffset Received = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);
    private readonly RSA _storeKey = RSA.Create(2048);
    private readonly ServiceProvider _services;

    public MagentoWebhookHandlerTests()
    {
        var publicKey = _storeKey.ExportSubjectPublicKeyInfoPem();
        _services = TestHost.Build(o =>
        {
            o.BaseUrl = new Uri("http://127.0.0.1:1/");
            o.AccessToken = "token";
            o.WebhookPublicKey = publicKey;
        });
    }

    private MagentoWebhookHandler Handler => (MagentoWebhookHandler)_services.GetServices<IWebhookHandler>().Single(h => h.Channel == TestHost.Channel);

    [Fact]
    public void Verify_SignedByTheStoresPrivateKey_Valid()
    {
        var body = """{"eventName":"observer.sales_order_place_after","data":{"order":{"entity_id":42,"state":"new","updated_at":"2026-12-02 11:59:58"}}}""";

        Assert.True(Handler.Verify(Request(body, Sign(body))).IsValid);
        Assert.True(_services.Magento().Capabilities.SupportsWebhooks);
    }

    [Fact]
    public void Verify_ForgedOrAlteredOrUnsigned_RefusedWithTheReason()
    {
        var body = """{"eventName":"observer.sales_order_place_after","data":{"order":{"entity_id":42}}}""";
        using var other = RSA.Create(2048);
        var forged = Convert.ToBase64String(other.SignData(Encoding.UTF8.GetBytes(body), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));

        var byOtherKey = Handler.Verify(Request(body, forged));
        var altered = Handler.Verify(Request(body.Replace("42", "43", StringComparison.Ordinal), Sign(body)));
        var unsigned = Handler.Verify(Request(body, null));
        var garbage = Handler.Verify(Request(body, "not base64!"));

        Assert.False(byOtherKey.IsValid);
        Assert.Contains("does not match", byOtherKey.FailureReason, StringComparison.Ordinal);
        Assert.False(altered.IsValid);
        Assert.Contains("missing", unsigned.FailureReason, StringComparison.Ordinal);
        Assert.Contains("not base64", garbage.FailureReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_NoPublicKeyConfigured_EveryDeliveryRefused()
    {
        using var services = TestHost.Build(o => { o.BaseUrl = new Uri("http://127.0.0.1:1/"); o.AccessToken = "token"; });
        var handler = services.GetServices<IWebhookHandler>().Single();
        var body = """{"eventName":"observer.sales_order_place_after","data":{"order":{"entity_id":42}}}""";

        var result = handler.Verify(Request(body, Sign(body)));

        Assert.False(result.IsValid);
        Assert.Contains("No WebhookPublicKey", result.FailureReason, StringComparison.Ordinal);
        Assert.False(services.Magento().Capabilities.SupportsWebhooks);
    }

    [Fact]
    public void Parse_OrderPlacedSavedAndCancelled_OrderEventsNamingTheEntityId()
    {
        var placed = Handler.Parse(Request("""{"eventName":"observer.sales_order_place_after","data":{"order":{"entity_id":42,"state":"new","updated_at":"2026-12-02 11:59:58"}}}""", null));
        var saved = Handler.Parse(Request("""{"eventName":"observer.sales_order_save_after","data":{"data_object":{"entity_id":"43","state":"processing"}}}""", null));
        var cancelled = Handler.Parse(Request("""{"eventName":"observer.sales_order_save_after","data":{"order":{"entity_id":44,"state":"canceled"}}}""", null));
        var product = Handler.Parse(Request("""{"eventName":"observer.catalog_product_save_after","data":{"data_object":{"sku":"A"}}}""", null));

        var first = Assert.IsType<OrderChannelEvent>(Assert.Single(placed));
        Assert.Equal(("42", OrderEventKind.Created, new DateTimeOffset(2026, 12, 2, 11, 59, 58, TimeSpan.Zero)), (first.OrderId, first.Kind, first.OccurredAt));
        Assert.Null(first.Order);
        Assert.Equal(("43", OrderEventKind.Updated), Assert.IsType<OrderChannelEvent>(Assert.Single(saved)) is var s ? (s.OrderId, s.Kind) : default);
        Assert.Equal(OrderEventKind.Cancelled, Assert.IsType<OrderChannelEvent>(Assert.Single(cancelled)).Kind);
        Assert.Empty(product);
    }

    [Theory]
    [InlineData("not json", "$")]
    [InlineData("""{"data":{"order":{"entity_id":1}}}""", "$.eventName")]
    [InlineData("""{"eventName":"observer.sales_order_place_after","data":[]}""", "$.data")]
    [InlineData("""{"eventName":"observer.sales_order_place_after","data":{"order":{"increment_id":"100000001"}}}""", "$.data.order.entity_id")]
    [InlineData("""{"eventName":"observer.sales_order_place_after","data":{"order":{"entity_id":1,"updated_at":"yesterday"}}}""", "$.data.order.updated_at")]
    public void Parse_Malformed_WebhookPayloadExceptionNamingTheField(string body, string field)
    {
        var error = Assert.Throws<WebhookPayloadException>(() => Handler.Parse(Request(body, null)));

        Assert.Equal(field, error.FieldPath);
    }

    public void Dispose()
    {
        _storeKey.Dispose();
        _services.Dispose();
    }

    private string Sign(string body) => Convert.ToBase64String(_storeKey.SignData(Encoding.UTF8.GetBytes(body), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));

    private static WebhookRequest Request(string body, string? signature) => new()
    {
        Channel = TestHost.Channel,
        Headers = signature is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["X-Adobe-Commerce-Webhook-Signature"] = signature },
        Body = Encoding.UTF8.GetBytes(body),
        ReceivedAt = Received,
        ContentType = "application/json",
    };
}
