namespace Connectors.Shopify.Internal.Json;

internal sealed record SuggestedFinancialOutcomeNode(RefundOutcomeNode? FinancialTransfer);
