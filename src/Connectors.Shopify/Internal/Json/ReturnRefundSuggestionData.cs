namespace Connectors.Shopify.Internal.Json;

internal sealed record ReturnRefundSuggestionData(ReturnSuggestionNode? Return);
