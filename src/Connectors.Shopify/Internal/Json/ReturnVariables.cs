namespace Connectors.Shopify.Internal.Json;

internal sealed record ReturnVariables(string Id, int LinesFirst, int ReverseFirst);
