namespace Connectors.Magento;

/// <summary>How the connector authenticates to Magento's REST API.</summary>
public enum MagentoAuthMode
{
    /// <summary>
    /// Chosen from the credentials set: consumer key and secret mean <see cref="OAuth1"/>, a user name means
    /// <see cref="AdminUser"/>, an access token alone means <see cref="BearerToken"/>.
    /// </summary>
    Automatic = 0,

    /// <summary>
    /// An integration's four credentials (consumer key/secret, access token/secret), every request signed with OAuth 1.0a.
    /// The way Magento 2.4.4 and later accept integration tokens by default.
    /// </summary>
    OAuth1,

    /// <summary>
    /// An integration access token sent as <c>Authorization: Bearer</c>. Magento 2.4.4 and later refuse it unless the
    /// store enables <em>Allow OAuth Access Tokens to be used as standalone Bearer tokens</em>.
    /// </summary>
    BearerToken,

    /// <summary>
    /// An admin user's name and password exchanged for a token at <c>POST /V1/integration/admin/token</c> (valid four
    /// hours by default), renewed before it expires and once when a request is answered 401.
    /// </summary>
    AdminUser,
}
