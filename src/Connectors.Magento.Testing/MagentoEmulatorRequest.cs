namespace Connectors.Testing.Magento;

/// <summary>A request the <see cref="MagentoEmulator"/> received, for contract checks.</summary>
public sealed record MagentoEmulatorRequest
{
    /// <summary>The HTTP method.</summary>
    public required string Method { get; init; }

    /// <summary>The path after the store code, starting with <c>/V1/</c> (<c>/async/bulk/V1/</c> for the asynchronous bulk API).</summary>
    public required string Path { get; init; }

    /// <summary>The decoded query parameters.</summary>
    public required IReadOnlyList<KeyValuePair<string, string>> Query { get; init; }

    /// <summary>The body, or null.</summary>
    public string? Body { get; init; }
}
