using System.Text.Json;

namespace Connectors.Shopify.Internal.Json;

internal sealed record GraphError(string? Message, GraphErrorExtensions? Extensions, IReadOnlyList<JsonElement>? Path);
