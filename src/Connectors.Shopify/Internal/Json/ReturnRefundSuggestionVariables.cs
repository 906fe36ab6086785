namespace Connectors.Shopify.Internal.Json;

internal sealed record ReturnRefundSuggestionVariables(string Id, IReadOnlyList<SuggestedReturnLineInput> ReturnLineItems);
