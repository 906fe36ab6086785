namespace Connectors.Shopify.Internal.Json;

internal sealed record SuggestedReturnLineInput(string Id, int Quantity);
