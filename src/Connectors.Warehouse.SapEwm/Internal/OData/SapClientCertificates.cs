using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Connectors.Warehouse.SapEwm.Internal.OData;

/// <summary>
/// The TLS side of <see cref="SapAuthenticationMode.ClientCertificate"/>: builds the adapter's primary HTTP handler with
/// the client certificate (the host's <see cref="ISapEwmClientCertificateSource"/>, or the PKCS#12 file of
/// <see cref="SapEwmOptions.ClientCertificatePath"/>), and checks at start that the certificate can be used.
/// </summary>
/// <remarks>
/// <see cref="IHttpClientFactory"/> builds a new primary handler every few minutes (its handler lifetime), so a file
/// replaced by a renewed certificate is read again then; the file is re-read only when its path, size or time stamp
/// changed. A certificate read from a file is kept for the life of the process, never disposed: a handler still in use
/// may need it for its next handshake, and renewals are rare.
/// </remarks>
internal sealed class SapClientCertificates(IEnumerable<ISapEwmClientCertificateSource> sources)
{
    private readonly ISapEwmClientCertificateSource? _source = sources.LastOrDefault();

    private readonly Lock _gate = new();
    private (string Path, long Length, DateTime Written, X509Certificate2 Certificate)? _loaded;

    /// <summary>A handler without cookies (the SAP session is kept by <see cref="SapSessionHandler"/>), presenting the client certificate when that is the authentication.</summary>
    public SocketsHttpHandler CreateHandler(SapEwmOptions options)
    {
        var handler = new SocketsHttpHandler { UseCookies = false };
        if (options.Authentication == SapAuthenticationMode.ClientCertificate)
        {
            var certificate = Current(options);
            handler.SslOptions.ClientCertificates = [certificate];

            // Offered whatever issuers the server names: a server that trusts another CA refuses it with a clear error
            // instead of the handshake going on without a certificate.
            handler.SslOptions.LocalCertificateSelectionCallback = (_, _, _, _, _) => certificate;
        }

        return handler;
    }

    private X509Certificate2 Current(SapEwmOptions options)
    {
        if (_source is not null)
        {
            return _source.GetClientCertificate();
        }

        var path = options.ClientCertificatePath ?? throw new InvalidOperationException("SapEwm:ClientCertificatePath is not set.");
        var file = new FileInfo(path);
        lock (_gate)
        {
            if (_loaded is { } loaded && loaded.Path == file.FullName && loaded.Length == file.Length && loaded.Written == file.LastWriteTimeUtc)
            {
                return loaded.Certificate;
            }

            var certificate = Load(path, options.ClientCertificatePassword);
            _loaded = (file.FullName, file.Length, file.LastWriteTimeUtc, certificate);
            return certificate;
        }
    }

    private static X509Certificate2 Load(string path, string? password) =>
        X509CertificateLoader.LoadPkcs12FromFile(path, password, X509KeyStorageFlags.DefaultKeySet);

    /// <summary>The start-up check: exactly one source, readable, with a private key; messages name the setting, never the password.</summary>
    public void Validate(SapEwmOptions options, string prefix, List<string> failures) => Validate(options, _source, prefix, failures);

    private static void Validate(SapEwmOptions options, ISapEwmClientCertificateSource? source, string prefix, List<string> failures)
    {
        var path = options.ClientCertificatePath;
        if ((source is null) == string.IsNullOrEmpty(path))
        {
            failures.Add($"{prefix}Authentication is ClientCertificate, so set either ClientCertificatePath (a PKCS#12 file) or register an ISapEwmClientCertificateSource, not {(source is null ? "neither" : "both")}.");
            return;
        }

        if (options.Host is { Scheme: var scheme } && scheme != Uri.UriSchemeHttps)
        {
            failures.Add($"{prefix}Authentication is ClientCertificate, which is presented in the TLS handshake, so Host must be https (was '{options.Host.GetLeftPart(UriPartial.Authority)}').");
        }

        if (source is not null)
        {
            var supplied = source.GetClientCertificate();
            if (supplied is null || !supplied.HasPrivateKey)
            {
                failures.Add($"{prefix}Authentication is ClientCertificate and the ISapEwmClientCertificateSource ({source.GetType().Name}) returned {(supplied is null ? "no certificate" : $"a certificate ({supplied.Subject}, thumbprint {supplied.Thumbprint}) without its private key")}, so it cannot authenticate.");
            }

            return;
        }

        if (!File.Exists(path))
        {
            failures.Add($"{prefix}ClientCertificatePath is '{path}' but no such file exists.");
            return;
        }

        try
        {
            using var certificate = Load(path!, options.ClientCertificatePassword);
            if (!certificate.HasPrivateKey)
            {
                failures.Add($"{prefix}ClientCertificatePath '{path}' holds a certificate ({certificate.Subject}) without its private key; export it with the key as a PKCS#12 file.");
            }
        }
        catch (CryptographicException ex)
        {
            failures.Add($"{prefix}ClientCertificatePath '{path}' could not be read as a PKCS#12 file with the given ClientCertificatePassword ({ex.Message}).");
        }
    }
}
