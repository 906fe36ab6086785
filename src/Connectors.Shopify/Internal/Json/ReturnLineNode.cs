namespace Connectors.Shopify.Internal.Json;

internal sealed record ReturnLineNode(string Id, int Quantity, int? ProcessableQuantity, string? ReturnReasonNote, ReturnFulfillmentLine? FulfillmentLineItem);
