namespace Connectors.Shopify.Internal.Json;

internal sealed record FulfillmentLineNode(int Quantity, NodeRef? LineItem);
