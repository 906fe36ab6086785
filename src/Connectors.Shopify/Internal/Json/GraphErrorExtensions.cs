using System.Text.Json;

namespace Connectors.Shopify.Internal.Json;

/// <summary>
/// An error's <c>extensions</c>. <c>cost</c> is an object on <c>THROTTLED</c> (the query's cost and the bucket) but a
/// number on <c>MAX_COST_EXCEEDED</c> (the requested cost, next to <c>maxCost</c>), so it is read as a raw element.
/// </summary>
internal sealed record GraphErrorExtensions(string? Code, JsonElement Cost, double? MaxCost)
{
    /// <summary>The cost object of a <c>THROTTLED</c> error, when present.</summary>
    public GraphCost? CostObject => Cost.ValueKind == JsonValueKind.Object ? Cost.Deserialize(ShopifyJsonContext.Default.GraphCost) : null;

    /// <summary>The requested cost of a <c>MAX_COST_EXCEEDED</c> error, when present.</summary>
    public double? CostNumber => Cost.ValueKind == JsonValueKind.Number ? Cost.GetDouble() : null;
}
