using System.Security.Cryptography;
using System.Text;
using Connectors.Internal;
using Connectors.Magento.Internal;

namespace Connectors.Magento.Tests;

public sealed class OAuth1SignerTests
{
    // RFC 5849 section 1.2: the photos example, with its published base string and HMAC-SHA1 signature.
    private const string PhotosBaseString =
        "GET&http%3A%2F%2Fphotos.example.net%2Fphotos&file%3Dvacation.jpg%26oauth_consumer_key%3Ddpf43f3p2l4k3l03%26oauth_nonce%3DchapoH%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D137131202%26oauth_token%3Dnnch734d00sl2jdk%26size%3Doriginal";

    private static List<KeyValuePair<string, string>> PhotosParameters(string method) =>
    [
        new("file", "vacation.jpg"),
        new("size", "original"),
        new("oauth_consumer_key", "dpf43f3p2l4k3l03"),
        new("oauth_token", "nnch734d00sl2jdk"),
        new("oauth_signature_method", method),
        new("oauth_timestamp", "137131202"),
        new("oauth_nonce", "chapoH"),
    ];

    [Fact]
    public void BaseString_Rfc5849PhotosExample_MatchesTheRfc()
    {
        var uri = new Uri("http://photos.example.net/photos?file=vacation.jpg&size=original");

        var baseString = OAuth1Signer.BaseString("GET", uri, PhotosParameters("HMAC-SHA1"));

        Assert.Equal(PhotosBaseString, baseString);
    }

    [Fact]
    public void Sign_Rfc5849PhotosExampleHmacSha1_GivesTheRfcSignature()
    {
        var signature = OAuth1Signer.Sign(PhotosBaseString, "kd94hf93k423kf44", "pfkkdhi9sl3r4s00", MagentoSignatureMethod.HmacSha1);

        Assert.Equal("MdpQcU8iPSUjWoN/UDMsK2sui9I=", signature);
    }

    [Fact]
    public void Sign_PhotosExampleAdaptedToHmacSha256_MatchesAnIndependentHmac()
    {
        // The same request signed with HMAC-SHA256: the base string names the method, the key is the RFC's
        // "client secret & token secret", and the expected value is computed here straight from the RFC's definitions.
        var expectedBase = PhotosBaseString.Replace("HMAC-SHA1", "HMAC-SHA256", StringComparison.Ordinal);
        var expected = Convert.ToBase64String(HMACSHA256.HashData(Encoding.ASCII.GetBytes("kd94hf93k423kf44&pfkkdhi9sl3r4s00"), Encoding.ASCII.GetBytes(expectedBase)));
        var uri = new Uri("http://photos.example.net/photos?file=vacation.jpg&size=original");

        var baseString = OAuth1Signer.BaseString("GET", uri, PhotosParameters("HMAC-SHA256"));
        var signature = OAuth1Signer.Sign(baseString, "kd94hf93k423kf44", "pfkkdhi9sl3r4s00", MagentoSignatureMethod.HmacSha256);

        Assert.Equal(expectedBase, baseString);
        Assert.Equal(expected, signature);
    }

    [Fact]
    public void BaseString_Rfc5849Section3411Example_NormalizesAsTheRfc()
    {
        // RFC 5849 section 3.4.1.1: duplicate names sorted by value, encoded '=' and '%', an empty value, a space as %20.
        // The body parameters (c2, a3=2 q) are passed as parameters: the signer signs what it is given.
        var uri = new Uri("http://example.com/request?b5=%3D%253D&a3=a&c%40=&a2=r%20b");
        var parameters = OAuth1Encoding.ParseQuery(uri.Query);
        parameters.AddRange(
        [
            new("c2", string.Empty), new("a3", "2 q"),
            new("oauth_consumer_key", "9djdj82h48djs9d2"), new("oauth_token", "kkk9d7dh3k39sjv7"), new("oauth_signature_method", "HMAC-SHA1"),
            new("oauth_timestamp", "137131201"), new("oauth_nonce", "7d8f3e4a"),
        ]);

        var baseString = OAuth1Signer.BaseString("POST", uri, parameters);

        Assert.Equal(
            "POST&http%3A%2F%2Fexample.com%2Frequest&a2%3Dr%2520b%26a3%3D2%2520q%26a3%3Da%26b5%3D%253D%25253D%26c%2540%3D%26c2%3D%26oauth_consumer_key%3D9djdj82h48djs9d2%26oauth_nonce%3D7d8f3e4a%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D137131201%26oauth_token%3Dkkk9d7dh3k39sjv7",
            baseString);
    }

    [Fact]
    public void BaseStringUri_DefaultPortAndUpperCaseHost_AreNormalized()
    {
        Assert.Equal("https://shop.example/rest/default/V1/orders", OAuth1Signer.BaseStringUri(new Uri("HTTPS://Shop.Example:443/rest/default/V1/orders?x=1")));
        Assert.Equal("http://127.0.0.1:8080/rest/V1", OAuth1Signer.BaseStringUri(new Uri("http://127.0.0.1:8080/rest/V1")));
    }

    [Fact]
    public void AuthorizationHeader_SearchCriteriaQuery_SignsTheDecodedBracketKeys()
    {
        var uri = new Uri("http://127.0.0.1:8080/rest/default/V1/orders?searchCriteria%5BpageSize%5D=10");

        var header = OAuth1Signer.AuthorizationHeader("GET", uri, "ck", "cs", "tok", "ts", MagentoSignatureMethod.HmacSha256, "n1", 1_700_000_000);

        var expectedBase = "GET&http%3A%2F%2F127.0.0.1%3A8080%2Frest%2Fdefault%2FV1%2Forders&oauth_consumer_key%3Dck%26oauth_nonce%3Dn1%26oauth_signature_method%3DHMAC-SHA256%26oauth_timestamp%3D1700000000%26oauth_token%3Dtok%26oauth_version%3D1.0%26searchCriteria%255BpageSize%255D%3D10";
        var expected = Convert.ToBase64String(HMACSHA256.HashData("cs&ts"u8, Encoding.ASCII.GetBytes(expectedBase)));
        Assert.Contains("oauth_signature=\"" + OAuth1Encoding.Encode(expected) + "\"", header, StringComparison.Ordinal);
    }
}
