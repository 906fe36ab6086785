namespace Connectors.Shopify.Internal.Json;

internal sealed record ReturnRefundTransactionInput(string ParentId, MoneyInput TransactionAmount);
