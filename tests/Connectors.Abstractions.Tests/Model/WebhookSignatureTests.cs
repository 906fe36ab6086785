using System.Text;

namespace Connectors.Abstractions.Tests.Model;

public class WebhookSignatureTests
{
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("{\"id\":820982911946154508}");

    [Fact]
    public void Verify_SignatureOfSameBody_IsValid()
    {
        var signature = WebhookSignature.ComputeHmacSha256Base64(Body, "secret");

        Assert.True(WebhookSignature.VerifyHmacSha256Base64(Body, "secret", signature));
    }

    [Fact]
    public void Verify_TamperedBody_IsInvalid()
    {
        var signature = WebhookSignature.ComputeHmacSha256Base64(Body, "secret");
        var tampered = (byte[])Body.Clone();
        tampered[^2] ^= 1;

        Assert.False(WebhookSignature.VerifyHmacSha256Base64(tampered, "secret", signature));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not base64!")]
    [InlineData("AAAA")]
    public void Verify_MissingOrMalformedSignature_IsInvalid(string? signature)
    {
        Assert.False(WebhookSignature.VerifyHmacSha256Base64(Body, "secret", signature));
    }

    [Fact]
    public void Verify_WrongSecret_IsInvalid()
    {
        var signature = WebhookSignature.ComputeHmacSha256Base64(Body, "secret");

        Assert.False(WebhookSignature.VerifyHmacSha256Base64(Body, "other", signature));
    }

    [Fact]
    public void Compute_KnownVector_MatchesRfc4231StyleHmac()
    {
        // HMAC-SHA256("key", "The quick brown fox jumps over the lazy dog"), a widely published vector.
        var signature = WebhookSignature.ComputeHmacSha256Base64(Encoding.UTF8.GetBytes("The quick brown fox jumps over the lazy dog"), "key");

        Assert.Equal("97yD9DBThCSxMpjmqm+xQ+9NWaFJRhdZl0edvC0aPNg=", signature);
    }
}
