namespace Connectors.Testing.Shopify;

/// <summary>A GraphQL request the emulator received.</summary>
/// <param name="ApiVersion">The version in the URL.</param>
/// <param name="OperationName">The <c>operationName</c> of the body, if any.</param>
/// <param name="Query">The document.</param>
/// <param name="VariablesJson">The variables as JSON (<c>{}</c> when none).</param>
/// <param name="Throttled">Whether it was answered with <c>THROTTLED</c>.</param>
public sealed record ShopifyEmulatorRequest(string ApiVersion, string? OperationName, string Query, string VariablesJson, bool Throttled)
{
    /// <summary>The requested cost the emulator computed (its own calculation times <see cref="ShopifyEmulatorOptions.CostFactor"/>).</summary>
    public int RequestedCost { get; init; }

    /// <summary>The error code the request was refused with before running (<c>THROTTLED</c>, <c>MAX_COST_EXCEEDED</c>), or null.</summary>
    public string? Refused { get; init; }
}
