using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Connectors.WooCommerce.Internal;

/// <summary>
/// <see cref="WooCommerceOptions.TrustedCertificatePath"/>: loading the file, and the server certificate check that
/// accepts a chain to it (host name still checked) besides the system's roots.
/// </summary>
internal static class TrustedCertificate
{
    /// <summary>The error code of a shop whose HTTPS certificate is not trusted: a configuration error, never retried.</summary>
    public const string UntrustedErrorCode = "certificate_untrusted";

    /// <summary>Loads a PEM or DER certificate file; throws <see cref="CryptographicException"/> or an I/O exception when it cannot.</summary>
    public static X509Certificate2 Load(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var text = System.Text.Encoding.ASCII.GetString(bytes);
        return text.Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal)
            ? X509Certificate2.CreateFromPem(text)
            : X509CertificateLoader.LoadCertificate(bytes);
    }

    /// <summary>
    /// Lets the primary handler of a channel's named client (whatever the host configured, the factory's default
    /// otherwise) also accept a chain to the trusted certificate, when one is set. A handler of another kind is left alone.
    /// </summary>
    public static void Apply(HttpMessageHandler handler, WooCommerceOptions options)
    {
        if (options.TrustedCertificatePath is not { Length: > 0 } path)
        {
            return;
        }

        var trusted = Load(path);
        switch (handler)
        {
            case SocketsHttpHandler sockets:
                sockets.SslOptions.RemoteCertificateValidationCallback = (_, certificate, chain, errors) => Validate(trusted, certificate, chain, errors);
                break;
            case HttpClientHandler client:
                client.ServerCertificateCustomValidationCallback = (_, certificate, chain, errors) => Validate(trusted, certificate, chain, errors);
                break;
        }
    }

    internal static bool Validate(X509Certificate2 trusted, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        // Only an untrusted chain is forgiven, never a missing certificate or a name that does not match.
        if (certificate is null || (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != 0)
        {
            return false;
        }

        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.Add(trusted);
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (chain is not null)
        {
            foreach (var element in chain.ChainElements)
            {
                custom.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        using var leaf = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        return custom.Build(leaf);
    }

    /// <summary>Whether a send failed because the TLS handshake did (an untrusted or mismatched certificate).</summary>
    public static bool IsCertificateFailure(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is AuthenticationException || e is HttpRequestException { HttpRequestError: HttpRequestError.SecureConnectionError })
            {
                return true;
            }
        }

        return false;
    }
}
