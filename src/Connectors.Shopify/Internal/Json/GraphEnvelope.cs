using System.Text.Json;

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

internal sealed record TokenResponse(string? AccessToken, string? Scope, int? ExpiresIn);
