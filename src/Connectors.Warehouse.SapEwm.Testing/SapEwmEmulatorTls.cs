using System.Security.Cryptography.X509Certificates;

namespace Connectors.Testing.SapEwm;

/// <summary>How a <see cref="SapEwmEmulator"/> serves HTTPS: its server certificate and which client certificates it requires.</summary>
public sealed class SapEwmEmulatorTls
{
    /// <summary>The server certificate (with its private key) for 127.0.0.1. Required.</summary>
    public required X509Certificate2 ServerCertificate { get; init; }

    /// <summary>
    /// The certificate authority whose client certificates the TLS layer accepts; when set, a client certificate is
    /// required in the handshake and one not issued by this authority is refused there. Which certificate logs on as the
    /// communication user is <see cref="SapEwmEmulator.ClientCertificateSubject"/>. <see langword="null"/> (default): no
    /// client certificate is asked for.
    /// </summary>
    public X509Certificate2? ClientCertificateAuthority { get; init; }
}
