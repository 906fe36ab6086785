namespace Connectors.Shopify.Internal.Json;

internal sealed record FulfillmentServicesData(ShopFulfillmentServices? Shop);
