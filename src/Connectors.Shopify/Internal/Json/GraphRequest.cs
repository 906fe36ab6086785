using System.Text.Json;

namespace Connectors.Shopify.Internal.Json;

internal sealed record GraphRequest(string Query, string OperationName, JsonElement Variables);
