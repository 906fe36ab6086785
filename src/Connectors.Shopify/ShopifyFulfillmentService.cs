namespace Connectors.Shopify;

/// <summary>The Shopify fulfilment service a channel in fulfilment-service mode acts as.</summary>
public sealed record ShopifyFulfillmentService
{
    /// <summary>The FulfillmentService GID.</summary>
    public required string Id { get; init; }

    /// <summary>The service name.</summary>
    public required string Name { get; init; }

    /// <summary>The Location GID Shopify created for the service; fulfilment requests are assigned to it.</summary>
    public required string LocationId { get; init; }
}
