namespace Connectors.Shopify.Internal.Json;

internal sealed record ShopFulfillmentServices(IReadOnlyList<FulfillmentServiceNode>? FulfillmentServices);
