namespace Connectors.Shopify.Internal.Json;

internal sealed record UserError(IReadOnlyList<string>? Field, string? Message, string? Code);
