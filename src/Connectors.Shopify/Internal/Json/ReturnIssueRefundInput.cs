namespace Connectors.Shopify.Internal.Json;

internal sealed record ReturnIssueRefundInput(IReadOnlyList<ReturnRefundTransactionInput> OrderTransactions);
