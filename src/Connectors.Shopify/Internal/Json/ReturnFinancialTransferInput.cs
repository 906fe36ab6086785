namespace Connectors.Shopify.Internal.Json;

internal sealed record ReturnFinancialTransferInput(ReturnIssueRefundInput IssueRefund);
