namespace Connectors.Testing.Shopify;

/// <summary>A GraphQL request the emulator received.</summary>
public sealed record ShopifyEmulatorRequest
{
    /// <summary>The version in the URL.</summary>
    public required string ApiVersion { get; init; }

    /// <summary>The <c>operationName</c> of the body, if any.</summary>
    public string? OperationName { get; init; }

    /// <summary>The document.</summary>
    public required string Query { get; init; }

    /// <summary>The variables as JSON (<c>{}</c> when none).</summary>
    public required string VariablesJson { get; init; }

    /// <summary>Whether it was answered with <c>THROTTLED</c>.</summary>
    public required bool Throttled { get; init; }

    /// <summary>The requested cost the emulator computed (its own calculation times <see cref="ShopifyEmulatorOptions.CostFactor"/>).</summary>
    public int RequestedCost { get; init; }

    /// <summary>The error code the request was refused with before running (<c>THROTTLED</c>, <c>MAX_COST_EXCEEDED</c>), or null.</summary>
    public string? Refused { get; init; }
}
