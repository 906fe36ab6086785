namespace Connectors.Shopify.Internal.Json;

internal sealed record FulfillmentCreateVariables(FulfillmentInput Fulfillment, string? Message);
