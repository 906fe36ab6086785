using System.Text.Json.Serialization;

namespace Connectors.Warehouse.SapEwm.Internal.Dto;

/// <summary>An OData V4 collection page: <c>value</c> and, when the server pages, <c>@odata.nextLink</c>.</summary>
internal sealed class ODataV4Page<T>
{
    [JsonPropertyName("value")]
    public List<T>? Value { get; init; }

    [JsonPropertyName("@odata.nextLink")]
    public string? NextLink { get; init; }
}

/// <summary>The OData V2 JSON envelope <c>{"d": …}</c>.</summary>
internal sealed class ODataV2Envelope<T>
{
    [JsonPropertyName("d")]
    public T? D { get; init; }
}

/// <summary>An OData V2 collection: <c>results</c> and, when the server pages, <c>__next</c>.</summary>
internal sealed class ODataV2Collection<T>
{
    [JsonPropertyName("results")]
    public List<T>? Results { get; init; }

    [JsonPropertyName("__next")]
    public string? Next { get; init; }
}

/// <summary>A V2 navigation collection in a request body, <c>{"results": [...]}</c>.</summary>
internal sealed class ODataV2Results<T>
{
    [JsonPropertyName("results")]
    public required List<T> Results { get; init; }
}

/// <summary>The <c>__metadata</c> of an OData V2 entity, of which the adapter reads the ETag.</summary>
internal sealed class ODataV2Metadata
{
    [JsonPropertyName("etag")]
    public string? ETag { get; init; }

    [JsonPropertyName("uri")]
    public string? Uri { get; init; }
}

/// <summary>An OAuth 2.0 token response (RFC 6749 section 5.1).</summary>
internal sealed class OAuthTokenResponse
{
    [JsonPropertyName("access_token")]
    public string? AccessToken { get; init; }

    [JsonPropertyName("token_type")]
    public string? TokenType { get; init; }

    [JsonPropertyName("expires_in")]
    public int? ExpiresIn { get; init; }
}
