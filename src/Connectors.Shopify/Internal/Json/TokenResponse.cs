using System.Text.Json.Serialization;

namespace Connectors.Shopify.Internal.Json;

/// <summary>The OAuth token response (snake_case, unlike GraphQL).</summary>
internal sealed record TokenResponse(
    [property: JsonPropertyName("access_token")] string? AccessToken,
    [property: JsonPropertyName("scope")] string? Scope,
    [property: JsonPropertyName("expires_in")] int? ExpiresIn);
