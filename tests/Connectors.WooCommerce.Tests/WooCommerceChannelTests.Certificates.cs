using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Connectors.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Connectors.Testing.WooCommerce;

namespace Connectors.WooCommerce.Tests;

/// <summary>A shop behind a self-signed certificate (issue 18 item 9): trusted through <see cref="WooCommerceOptions.TrustedCertificatePath"/>, refused once otherwise.</summary>
public sealed partial class WooCommerceChannelTests
{
    [Fact]
    public async Task GetOrderAsync_SelfSignedShopNotTrusted_FailsOnceAsAPermanentConfigurationError()
    {
        var ct = TestContext.Current.CancellationToken;
        using var certificate = SelfSigned("127.0.0.1");
        await using var shop = await WooCommerceEmulator.StartHttpsAsync(certificate, cancellationToken: ct);
        var order = shop.AddOrder("processing", [new()
        {
            ProductId = shop.AddSimpleProduct("A", 5),
            Quantity = 1,
            Price = 10m,
        }]);
        var attempts = new CountingHandler();
        await using var sp = BuildWithCounter(shop, attempts, o => o.MaxRetries = 4);

        var ex = await Assert.ThrowsAsync<ConnectorRequestFailedException>(() => sp.Channel_().GetOrderAsync($"{order}", ct));

        Assert.False(ex.IsTransient);
        Assert.Equal("certificate_untrusted", ex.ErrorCode);
        Assert.Contains("TrustedCertificatePath", ex.Message, StringComparison.Ordinal);
        Assert.Equal(1, attempts.Count); // not retried: the next handshake would fail the same way
        Assert.Equal(0, shop.RequestCount);
    }

    [Fact]
    public async Task GetOrderAsync_SelfSignedShopTrustedByPath_Works()
    {
        var ct = TestContext.Current.CancellationToken;
        using var certificate = SelfSigned("127.0.0.1");
        var path = Path.Combine(Path.GetTempPath(), $"woo-{Guid.NewGuid():N}.pem");
        await File.WriteAllTextAsync(path, certificate.ExportCertificatePem(), ct);
        try
        {
            await using var shop = await WooCommerceEmulator.StartHttpsAsync(certificate, cancellationToken: ct);
            var order = shop.AddOrder("processing", [new()
            {
                ProductId = shop.AddSimpleProduct("A", 5),
                Quantity = 1,
                Price = 10m,
            }]);
            await using var sp = Connect(shop, o => o.TrustedCertificatePath = path);

            var found = await sp.Channel_().GetOrderAsync($"{order}", ct);

            Assert.Equal($"{order}", found?.OrderId);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task GetOrderAsync_TrustedCertificateForAnotherName_IsStillRefused()
    {
        // Trusting the certificate does not waive the host name check.
        var ct = TestContext.Current.CancellationToken;
        using var certificate = SelfSigned("shop.example");
        var path = Path.Combine(Path.GetTempPath(), $"woo-{Guid.NewGuid():N}.cer");
        await File.WriteAllBytesAsync(path, certificate.Export(X509ContentType.Cert), ct); // DER this time
        try
        {
            await using var shop = await WooCommerceEmulator.StartHttpsAsync(certificate, cancellationToken: ct);
            await using var sp = Connect(shop, o => o.TrustedCertificatePath = path);

            var ex = await Assert.ThrowsAsync<ConnectorRequestFailedException>(() => sp.Channel_().GetOrderAsync("1", ct));

            Assert.Equal("certificate_untrusted", ex.ErrorCode);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void AddWooCommerce_TrustedCertificatePathMissing_FailsAtStartNamingTheSetting()
    {
        using var sp = TestHost.Build(o =>
        {
            o.BaseUrl = new Uri("https://shop.example/");
            o.TrustedCertificatePath = "/nonexistent/shop-ca.pem";
        });

        var ex = Assert.Throws<OptionsValidationException>(() => sp.GetRequiredService<IOptionsMonitor<WooCommerceOptions>>().Get(TestHost.Channel));

        Assert.Contains("WooCommerce channel 'shop-b': TrustedCertificatePath is '/nonexistent/shop-ca.pem'", ex.Message, StringComparison.Ordinal);
    }

    private static X509Certificate2 SelfSigned(string name)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        if (IPAddress.TryParse(name, out var ip))
        {
            san.AddIpAddress(ip);
        }
        else
        {
            san.AddDnsName(name);
        }

        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), null); // a key Kestrel can use on every OS
    }

    private static ServiceProvider BuildWithCounter(WooCommerceEmulator shop, CountingHandler counter, Action<WooCommerceOptions> configure)
    {
        var services = new ServiceCollection();
        services.AddSingleton<Microsoft.Extensions.Logging.ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddConnectors().AddWooCommerce(TestHost.Channel, o =>
        {
            o.BaseUrl = shop.BaseUrl;
            o.ConsumerKey = shop.ConsumerKey;
            o.ConsumerSecret = shop.ConsumerSecret;
            configure(o);
        });

        // Added after the channel's own handlers, so it sits inside the retry: it sees every attempt.
        services.AddHttpClient(WooCommerceChannel.HttpClientName(TestHost.Channel)).AddHttpMessageHandler(() => counter.Fresh());
        return services.BuildServiceProvider();
    }

    private sealed class CountingHandler
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public DelegatingHandler Fresh() => new Counter(this);

        private sealed class Counter(CountingHandler owner) : DelegatingHandler
        {
            protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                Interlocked.Increment(ref owner._count);
                return base.SendAsync(request, cancellationToken);
            }
        }
    }
}
