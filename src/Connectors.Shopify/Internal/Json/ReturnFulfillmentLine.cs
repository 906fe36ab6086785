namespace Connectors.Shopify.Internal.Json;

internal sealed record ReturnFulfillmentLine(string? Id, ReturnLineItemRef? LineItem);
