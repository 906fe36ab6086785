namespace Connectors.Testing.Shopify;

/// <summary>A bulk operation as the emulator holds it (for assertions).</summary>
public sealed record ShopifyEmulatorBulkOperation
{
    /// <summary>The BulkOperation GID.</summary>
    public required string Id { get; init; }

    /// <summary><c>QUERY</c> or <c>MUTATION</c>.</summary>
    public required string Type { get; init; }

    /// <summary>The status (<c>CREATED</c>, <c>RUNNING</c>, <c>COMPLETED</c>, <c>FAILED</c>…).</summary>
    public required string Status { get; init; }

    /// <summary>The bulk query, or the mutation of a bulk mutation.</summary>
    public required string Query { get; init; }

    /// <summary>The objects written so far.</summary>
    public long ObjectCount { get; init; }

    /// <summary>The error code of a failed operation.</summary>
    public string? ErrorCode { get; init; }
}
