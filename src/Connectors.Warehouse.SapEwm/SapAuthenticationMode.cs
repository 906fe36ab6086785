namespace Connectors.Warehouse.SapEwm;

/// <summary>How the adapter authenticates to S/4HANA.</summary>
public enum SapAuthenticationMode
{
    /// <summary>HTTP Basic with a communication user and password (<see cref="SapEwmOptions.UserName"/>, <see cref="SapEwmOptions.Password"/>).</summary>
    Basic = 0,

    /// <summary>OAuth 2.0 client credentials against <see cref="SapEwmOptions.TokenEndpoint"/> (SAP BTP); the bearer token is cached until shortly before it expires.</summary>
    OAuthClientCredentials,

    /// <summary>
    /// An X.509 client certificate presented in the TLS handshake (SAP's <c>x509</c> logon), mapped to the communication
    /// user on the SAP side: <see cref="SapEwmOptions.ClientCertificatePath"/> (a PKCS#12 file) or an
    /// <see cref="ISapEwmClientCertificateSource"/> the host registers. No user name or password is sent.
    /// </summary>
    ClientCertificate,
}
