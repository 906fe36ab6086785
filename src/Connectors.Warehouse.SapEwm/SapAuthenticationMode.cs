namespace Connectors.Warehouse.SapEwm;

/// <summary>How the adapter authenticates to S/4HANA.</summary>
public enum SapAuthenticationMode
{
    /// <summary>HTTP Basic with a communication user and password (<see cref="SapEwmOptions.UserName"/>, <see cref="SapEwmOptions.Password"/>).</summary>
    Basic = 0,

    /// <summary>OAuth 2.0 client credentials against <see cref="SapEwmOptions.TokenEndpoint"/> (SAP BTP); the bearer token is cached until shortly before it expires.</summary>
    OAuthClientCredentials,
}
