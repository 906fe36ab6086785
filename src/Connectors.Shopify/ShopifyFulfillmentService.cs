namespace Connectors.Shopify;

/// <summary>The Shopify fulfilment service a channel in fulfilment-service mode acts as.</summary>
/// <param name="Id">The FulfillmentService GID.</param>
/// <param name="Name">The service name.</param>
/// <param name="LocationId">The Location GID Shopify created for the service; fulfilment requests are assigned to it.</param>
public sealed record ShopifyFulfillmentService(string Id, string Name, string LocationId);
