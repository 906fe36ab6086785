namespace Connectors.Shopify.Internal.Json;

internal sealed record FulfillmentServiceCreateVariables(string Name, string? CallbackUrl, bool InventoryManagement, bool TrackingSupport);
