namespace Connectors.Shopify.Internal.Json;

internal sealed record ReturnProcessInput(string ReturnId, IReadOnlyList<ReturnProcessReturnLineItemInput> ReturnLineItems, bool NotifyCustomer, ReturnFinancialTransferInput? FinancialTransfer = null);
