namespace Connectors.Shopify.Internal.Json;

/// <summary>A <c>RefundReturnOutcome</c>; an <c>InvoiceReturnOutcome</c> reads as one with no transactions.</summary>
internal sealed record RefundOutcomeNode(PresentmentMoneyBag? Amount, IReadOnlyList<SuggestedTransactionNode>? SuggestedTransactions);
