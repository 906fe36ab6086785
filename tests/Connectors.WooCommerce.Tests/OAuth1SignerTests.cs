using Connectors.Internal;
using Connectors.WooCommerce.Internal;

namespace Connectors.WooCommerce.Tests;

public sealed class OAuth1SignerTests
{
    // Known vector computed independently (Python: urllib.parse.quote + hmac) for a one-legged request; see the README.
    private static readonly KeyValuePair<string, string>[] VectorParameters =
    [
        new("per_page", "2"),
        new("modified_after", "2026-11-27T02:31:06"),
        new("status", "on-hold processing"),
        new("oauth_consumer_key", "ck_test"),
        new("oauth_nonce", "abc123"),
        new("oauth_signature_method", "HMAC-SHA256"),
        new("oauth_timestamp", "1795746666"),
    ];

    [Fact]
    public void BaseString_DocumentationExample_MatchesTheDocs()
    {
        // _authentication.md: "GET&http%3A%2F%2Fwww.example.com%2Fwp-json%2Fwc%2Fv3%2Forders&oauth_consumer_key%3Dabc123%26oauth_signature_method%3DHMAC-SHA1"
        var result = OAuth1Signer.BaseString("GET", "http://www.example.com/wp-json/wc/v3/orders", [new("oauth_signature_method", "HMAC-SHA1"), new("oauth_consumer_key", "abc123")]);

        Assert.Equal("GET&http%3A%2F%2Fwww.example.com%2Fwp-json%2Fwc%2Fv3%2Forders&oauth_consumer_key%3Dabc123%26oauth_signature_method%3DHMAC-SHA1", result);
    }

    [Fact]
    public void Sign_KnownVectorHmacSha256_MatchesIndependentImplementation()
    {
        var baseString = OAuth1Signer.BaseString("GET", "http://shop.example/wp-json/wc/v3/orders", VectorParameters);

        Assert.Equal(
            "GET&http%3A%2F%2Fshop.example%2Fwp-json%2Fwc%2Fv3%2Forders&modified_after%3D2026-11-27T02%253A31%253A06%26oauth_consumer_key%3Dck_test%26oauth_nonce%3Dabc123%26oauth_signature_method%3DHMAC-SHA256%26oauth_timestamp%3D1795746666%26per_page%3D2%26status%3Don-hold%2520processing",
            baseString);
        Assert.Equal("0vO95bFYyi+vGXrxkKpeAjvztdzLv79nFnmU9pA/Ypk=", OAuth1Signer.Sign(baseString, "cs_test", WooCommerceSignatureMethod.HmacSha256));
    }

    [Fact]
    public void Sign_KnownVectorHmacSha1_MatchesIndependentImplementation()
    {
        var parameters = VectorParameters.Select(p => p.Key == "oauth_signature_method" ? new KeyValuePair<string, string>(p.Key, "HMAC-SHA1") : p);
        var baseString = OAuth1Signer.BaseString("GET", "http://shop.example/wp-json/wc/v3/orders", parameters);

        Assert.Equal("BJD2eCrFtEuCjpxSwDYqYZpCNCs=", OAuth1Signer.Sign(baseString, "cs_test", WooCommerceSignatureMethod.HmacSha1));
    }

    [Fact]
    public void SigningUrl_HomeUrlDiffersFromRequestHost_UsesHomeUrlWithRequestPath()
    {
        var result = OAuth1Signer.SigningUrl(new Uri("http://127.0.0.1:8080/wp-json/wc/v3/orders?page=2"), new Uri("http://shop.example/"));

        Assert.Equal("http://shop.example/wp-json/wc/v3/orders", result);
    }

    [Fact]
    public void SigningUrl_ShopInSubfolder_KeepsTheSubfolderOnce()
    {
        var result = OAuth1Signer.SigningUrl(new Uri("http://10.0.0.5/blog/wp-json/wc/v3/orders"), new Uri("http://shop.example/blog/"));

        Assert.Equal("http://shop.example/blog/wp-json/wc/v3/orders", result);
    }

    [Fact]
    public void Encode_ReservedAndUnicode_PercentEncodesPerRfc3986()
    {
        Assert.Equal("CAF%C3%89%20CR%C3%88ME~-._%2B%2F", OAuth1Encoding.Encode("CAFÉ CRÈME~-._+/"));
    }
}
