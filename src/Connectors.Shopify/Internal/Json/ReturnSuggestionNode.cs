namespace Connectors.Shopify.Internal.Json;

internal sealed record ReturnSuggestionNode(string Id, SuggestedFinancialOutcomeNode? SuggestedFinancialOutcome);
