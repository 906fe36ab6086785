using System.Security.Cryptography.X509Certificates;

namespace Connectors.Warehouse.SapEwm;

/// <summary>
/// Supplies the X.509 client certificate for <see cref="SapAuthenticationMode.ClientCertificate"/> when the host holds it
/// (a key vault, the machine's certificate store) instead of a file (<see cref="SapEwmOptions.ClientCertificatePath"/>).
/// Register one as a singleton before or after <c>AddSapEwm</c>.
/// </summary>
/// <remarks>
/// Asked at start (validation) and each time the adapter's HTTP handler is built (<see cref="IHttpClientFactory"/>
/// renews handlers every two minutes by default), so a source that returns a renewed certificate rotates it without a
/// restart. The adapter never disposes what it returns.
/// </remarks>
public interface ISapEwmClientCertificateSource
{
    /// <summary>Returns the current client certificate, with its private key.</summary>
    /// <returns>The certificate.</returns>
    X509Certificate2 GetClientCertificate();
}
