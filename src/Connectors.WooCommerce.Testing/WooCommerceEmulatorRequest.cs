namespace Connectors.Testing.WooCommerce;

/// <summary>A request the <see cref="WooCommerceEmulator"/> received, kept while <see cref="WooCommerceEmulator.RecordRequests"/> is on.</summary>
public sealed record WooCommerceEmulatorRequest
{
    /// <summary>The HTTP method.</summary>
    public required string Method { get; init; }

    /// <summary>The path below the REST base (for example <c>products/batch</c>), without the query.</summary>
    public required string Path { get; init; }

    /// <summary>The request body as text (empty for none).</summary>
    public required string Body { get; init; }
}
