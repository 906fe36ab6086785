namespace Connectors.Testing.Magento;

/// <summary>A request the <see cref="MagentoEmulator"/> received, for contract checks.</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The path after the store code, starting with <c>/V1/</c> (<c>/async/bulk/V1/</c> for the asynchronous bulk API).</param>
/// <param name="Query">The decoded query parameters.</param>
/// <param name="Body">The body, or null.</param>
public sealed record MagentoEmulatorRequest(string Method, string Path, IReadOnlyList<KeyValuePair<string, string>> Query, string? Body);
