namespace Connectors.Shopify.Internal.Json;

internal sealed record FulfillmentOrderAssignedLocation(NodeRef? Location);
