using System.Text.Json;
using System.Text.Json.Serialization;

namespace Connectors.Shopify.Internal.Json;

internal sealed record GraphRequest(string Query, string OperationName, JsonElement Variables);

internal sealed record GraphResponse<TData>(TData? Data, IReadOnlyList<GraphError>? Errors, GraphExtensions? Extensions);

internal sealed record GraphError(string? Message, GraphErrorExtensions? Extensions, IReadOnlyList<JsonElement>? Path);

internal sealed record GraphErrorExtensions(string? Code, GraphCost? Cost);

internal sealed record GraphExtensions(GraphCost? Cost);

internal sealed record GraphCost(double RequestedQueryCost, double? ActualQueryCost, ThrottleStatus? ThrottleStatus);

internal sealed record ThrottleStatus(double MaximumAvailable, double CurrentlyAvailable, double RestoreRate);

internal sealed record PageInfo(bool HasNextPage, string? EndCursor);

internal sealed record Connection<T>(PageInfo? PageInfo, IReadOnlyList<T>? Nodes);

internal sealed record NodeRef(string Id);

internal sealed record UserError(IReadOnlyList<string>? Field, string? Message, string? Code);

internal sealed record MoneyV2(string Amount, string CurrencyCode);

internal sealed record MoneyBag(MoneyV2? ShopMoney);

/// <summary>The OAuth token response (snake_case, unlike GraphQL).</summary>
internal sealed record TokenResponse(
    [property: JsonPropertyName("access_token")] string? AccessToken,
    [property: JsonPropertyName("scope")] string? Scope,
    [property: JsonPropertyName("expires_in")] int? ExpiresIn);
