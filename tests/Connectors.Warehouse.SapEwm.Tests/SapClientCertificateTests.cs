using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Connectors.Testing;
using Connectors.Testing.SapEwm;
using Connectors.Warehouse.SapEwm.Internal.OData;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Connectors.Warehouse.SapEwm.Tests;

/// <summary>
/// X.509 client certificate logon (<see cref="SapAuthenticationMode.ClientCertificate"/>) against the emulator serving
/// HTTPS on loopback and requiring a client certificate issued by a test CA in the TLS handshake (Kestrel's
/// <c>ClientCertificateMode.RequireCertificate</c>), with the certificate's subject mapped to the communication user.
/// Every certificate is made here, per test run.
/// </summary>
public sealed class SapClientCertificateTests : IDisposable
{
    private const string MappedSubject = "CN=CONNECTORS_COMM, O=Connectors Test";
    private static readonly string Directory_ = Path.Combine(Path.GetTempPath(), "connectors-sap-x509-" + Guid.NewGuid().ToString("N"));
    private readonly X509Certificate2 _authority = Authority("CN=Connectors Test CA");
    private readonly X509Certificate2 _server = Server();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        _authority.Dispose();
        _server.Dispose();
        if (Directory.Exists(Directory_))
        {
            Directory.Delete(Directory_, recursive: true);
        }
    }

    [Fact]
    public async Task GetStockLevels_ClientCertificateFromPkcs12File_LogsOnWithoutCredentials()
    {
        using var client = Issue(_authority, MappedSubject);
        var file = WritePkcs12(client, "pfx-Passw0rd");
        await using var emulator = await StartAsync();

        await using var provider = Adapter(emulator, o =>
        {
            o.ClientCertificatePath = file;
            o.ClientCertificatePassword = "pfx-Passw0rd";
        });
        var levels = await provider.GetRequiredService<SapEwmWarehouse>().GetStockLevelsAsync(cancellationToken: Ct).ToListAsync(Ct);

        Assert.Equal(7m, Assert.Single(levels).OnHand);
        Assert.NotEmpty(emulator.Requests);
        Assert.All(emulator.Requests, r => Assert.False(r.Headers.ContainsKey("Authorization"), $"{r.Method} {r.Path} carried an Authorization header"));
        SpecValidator.AssertValid(emulator.Requests);
    }

    /// <summary>A renewed certificate written over the file is used once the factory renews the handler, without a restart.</summary>
    [Fact]
    public async Task GetStockLevels_CertificateFileReplaced_RenewedCertificateUsedAfterTheHandlerIsRenewed()
    {
        const string renewedSubject = "CN=CONNECTORS_COMM_2027, O=Connectors Test";
        using var first = Issue(_authority, MappedSubject);
        using var renewed = Issue(_authority, renewedSubject);
        var file = WritePkcs12(first, "pfx-Passw0rd");
        await using var emulator = await StartAsync();
        await using var provider = Adapter(
            emulator,
            o =>
            {
                o.ClientCertificatePath = file;
                o.ClientCertificatePassword = "pfx-Passw0rd";
            },
            handlerLifetime: TimeSpan.FromSeconds(1));
        var warehouse = provider.GetRequiredService<SapEwmWarehouse>();
        Assert.Single(await warehouse.GetStockLevelsAsync(cancellationToken: Ct).ToListAsync(Ct));

        // The user is now mapped to the renewed certificate only: the old one is refused until the handler is renewed.
        await File.WriteAllBytesAsync(file, renewed.Export(X509ContentType.Pkcs12, "pfx-Passw0rd"), Ct);
        emulator.ClientCertificateSubject = renewedSubject;
        var refused = 0;
        for (var waited = TimeSpan.Zero; ; waited += TimeSpan.FromMilliseconds(200))
        {
            Assert.True(waited < TimeSpan.FromSeconds(30), $"waited 30 s for the renewed certificate to be used; {refused} reads were refused meanwhile");
            try
            {
                Assert.Single(await warehouse.GetStockLevelsAsync(cancellationToken: Ct).ToListAsync(Ct));
                break;
            }
            catch (ConnectorAuthenticationException)
            {
                refused++;
                await Task.Delay(200, Ct);
            }
        }
    }

    [Fact]
    public async Task SubmitOrder_HostSuppliedCertificate_SalesOrderCreatedWithCsrfOverTheCertificateSession()
    {
        using var client = Reload(Issue(_authority, MappedSubject));
        await using var emulator = await StartAsync();

        await using var provider = Adapter(emulator, _ => { }, new Source(client));
        var result = await provider.GetRequiredService<SapEwmWarehouse>().SubmitOrderAsync(Order(), "shop:X509-1", Ct);

        Assert.Equal(WarehouseOrderOutcome.Accepted, result.Outcome);
        Assert.Equal(result.WarehouseReference, Assert.Single(emulator.SalesOrdersWithReference("shop:X509-1")));
        Assert.True(emulator.CsrfFetchCount >= 1);
        Assert.All(emulator.Requests, r => Assert.False(r.Headers.ContainsKey("Authorization"), $"{r.Method} {r.Path} carried an Authorization header"));
        SpecValidator.AssertValid(emulator.Requests);
    }

    [Fact]
    public async Task GetStockLevels_CertificateOfTheTrustedCaNotMappedToTheUser_AuthenticationErrorNamingTheMapping()
    {
        using var client = Reload(Issue(_authority, "CN=SOMEONE_ELSE, O=Connectors Test"));
        await using var emulator = await StartAsync();

        await using var provider = Adapter(emulator, _ => { }, new Source(client));
        var error = await Assert.ThrowsAsync<ConnectorAuthenticationException>(
            async () => await provider.GetRequiredService<SapEwmWarehouse>().GetStockLevelsAsync(cancellationToken: Ct).ToListAsync(Ct));

        Assert.Equal(401, error.StatusCode);
        Assert.Contains("client certificate", error.Message, StringComparison.Ordinal);
    }

    /// <summary>The emulator really requires the certificate: the same system with the user's password and no certificate is refused in the handshake.</summary>
    [Fact]
    public async Task GetStockLevels_NoClientCertificate_RefusedInTheHandshakeAsTransportFailure()
    {
        await using var emulator = await StartAsync();

        await using var provider = Adapter(emulator, o =>
        {
            o.Authentication = SapAuthenticationMode.Basic;
            o.UserName = emulator.UserName;
            o.Password = emulator.Password;
        });
        var error = await Assert.ThrowsAsync<ConnectorRequestFailedException>(
            async () => await provider.GetRequiredService<SapEwmWarehouse>().GetStockLevelsAsync(cancellationToken: Ct).ToListAsync(Ct));

        Assert.True(error.IsTransient);
        Assert.IsType<HttpRequestException>(error.InnerException);
        Assert.Empty(emulator.Requests);
    }

    /// <summary>A certificate with the mapped subject from another CA is refused in the handshake too: the subject alone does not log on.</summary>
    [Fact]
    public async Task GetStockLevels_MappedSubjectIssuedByAnotherCa_RefusedInTheHandshake()
    {
        using var other = Authority("CN=Someone Else's CA");
        using var client = Reload(Issue(other, MappedSubject));
        await using var emulator = await StartAsync();

        await using var provider = Adapter(emulator, _ => { }, new Source(client));
        await Assert.ThrowsAsync<ConnectorRequestFailedException>(
            async () => await provider.GetRequiredService<SapEwmWarehouse>().GetStockLevelsAsync(cancellationToken: Ct).ToListAsync(Ct));

        Assert.Empty(emulator.Requests);
    }

    [Fact]
    public void Validate_ClientCertificateSources_MessagesNameTheSettingNeverThePassword()
    {
        using var client = Issue(_authority, MappedSubject);
        var file = WritePkcs12(client, "right-Passw0rd");
        using var publicOnly = X509CertificateLoader.LoadCertificate(client.Export(X509ContentType.Cert));

        Assert.Contains("either ClientCertificatePath", Invalid(o => { }), StringComparison.Ordinal);
        Assert.Contains("not both", Invalid(o => o.ClientCertificatePath = file, new Source(client)), StringComparison.Ordinal);
        var wrong = Invalid(o => { o.ClientCertificatePath = file; o.ClientCertificatePassword = "wrong-Passw0rd"; });
        Assert.Contains("ClientCertificatePassword", wrong, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-Passw0rd", wrong, StringComparison.Ordinal);
        Assert.Contains("no such file", Invalid(o => o.ClientCertificatePath = Path.Combine(Directory_, "missing.pfx")), StringComparison.Ordinal);
        Assert.Contains("without its private key", Invalid(_ => { }, new Source(publicOnly)), StringComparison.Ordinal);
        Assert.Contains("Host must be https", Invalid(o => { o.Host = new Uri("http://127.0.0.1:1/"); o.AllowInsecureHttp = true; }, new Source(client)), StringComparison.Ordinal);
        Assert.Null(Record.Exception(() => Invalid(o => { o.ClientCertificatePath = file; o.ClientCertificatePassword = "right-Passw0rd"; }, expectValid: true)));
    }

    private static string Invalid(Action<SapEwmOptions> change, ISapEwmClientCertificateSource? source = null, bool expectValid = false)
    {
        var services = new ServiceCollection();
        if (source is not null)
        {
            services.AddSingleton(source);
        }

        services.AddConnectors().AddSapEwm(o =>
        {
            o.Host = new Uri("https://127.0.0.1:1/");
            o.Authentication = SapAuthenticationMode.ClientCertificate;
            o.Warehouses.Add("1710");
            o.SalesOrganization = "1710";
            o.DistributionChannel = "10";
            o.OrganizationDivision = "00";
            o.SoldToParty = "17100001";
            change(o);
        });
        using var provider = services.BuildServiceProvider();
        if (expectValid)
        {
            provider.GetRequiredService<IOptionsMonitor<SapEwmOptions>>().Get(Options.DefaultName);
            return string.Empty;
        }

        return Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptionsMonitor<SapEwmOptions>>().Get(Options.DefaultName)).Message;
    }

    private async Task<SapEwmEmulator> StartAsync()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.Zero));
        var emulator = await SapEwmEmulator.StartHttpsAsync(new SapEwmEmulatorTls { ServerCertificate = _server, ClientCertificateAuthority = _authority }, time, Ct);
        emulator.ClientCertificateSubject = MappedSubject;
        emulator.AddCustomers(SapTestHost.Customer);
        emulator.AddProducts("TG11");
        emulator.AddStock(SapTestHost.Warehouse, "TG11", 7, "F2");
        return emulator;
    }

    /// <summary>The adapter through <c>AddSapEwm</c>, trusting the emulator's self-made server certificate (as a host trusts its SAP system's CA).</summary>
    private ServiceProvider Adapter(SapEwmEmulator emulator, Action<SapEwmOptions> configure, ISapEwmClientCertificateSource? source = null, TimeSpan? handlerLifetime = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        if (source is not null)
        {
            services.AddSingleton(source);
        }

        services.AddConnectors().AddSapEwm(o => SapTestHost.Configure(o, emulator, c =>
        {
            c.AllowInsecureHttp = false;
            c.Authentication = SapAuthenticationMode.ClientCertificate;
            c.UserName = null;
            c.Password = null;
            configure(c);
        }));
        var thumbprint = _server.GetCertHashString(HashAlgorithmName.SHA256);
        services.Configure<HttpClientFactoryOptions>(ODataClient.HttpClientName, f => f.HttpMessageHandlerBuilderActions.Add(b =>
            ((SocketsHttpHandler)b.PrimaryHandler).SslOptions.RemoteCertificateValidationCallback =
                (_, certificate, _, _) => certificate is not null && certificate.GetCertHashString(HashAlgorithmName.SHA256) == thumbprint));
        if (handlerLifetime is { } lifetime)
        {
            services.AddHttpClient(ODataClient.HttpClientName).SetHandlerLifetime(lifetime);
        }

        services.AddSingleton<IConnectorEvents>(new RecordingEvents());
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
    }

    /// <summary>A host's certificate source handing out one certificate it owns.</summary>
    private sealed class Source(X509Certificate2 certificate) : ISapEwmClientCertificateSource
    {
        public X509Certificate2 GetClientCertificate() => certificate;
    }

    private static WarehouseOrder Order() => new(
        "shop",
        "X509-1",
        [new WarehouseOrderLine("L1", "TG11", 1m, "C1")],
        orderNumber: "#X509-1",
        shipTo: new Address { Name = "Ada Buyer", Line1 = "1 Main St", City = "Springfield", PostalCode = "12345", CountryCode = "US" });

    private static X509Certificate2 Authority(string subject)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        return Reload(request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30)));
    }

    private static X509Certificate2 Issue(X509Certificate2 authority, string subject)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: false, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], critical: false)); // client authentication
        var serial = RandomNumberGenerator.GetBytes(12);
        using var issued = request.Create(authority, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddDays(7), serial);
        return issued.CopyWithPrivateKey(key);
    }

    private static X509Certificate2 Server()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false)); // server authentication
        return Reload(request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30)));
    }

    /// <summary>Through PKCS#12 and back, so the private key is a stored one, as TLS on every platform wants.</summary>
    private static X509Certificate2 Reload(X509Certificate2 certificate)
    {
        using (certificate)
        {
            return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), password: null);
        }
    }

    private static string WritePkcs12(X509Certificate2 certificate, string password)
    {
        Directory.CreateDirectory(Directory_);
        var path = Path.Combine(Directory_, Guid.NewGuid().ToString("N") + ".pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pkcs12, password));
        return path;
    }
}
