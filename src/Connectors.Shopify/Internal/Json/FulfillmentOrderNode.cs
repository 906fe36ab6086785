namespace Connectors.Shopify.Internal.Json;

/// <summary>A fulfilment order; <see cref="Order"/> is selected only by <c>assignedFulfillmentOrders</c>.</summary>
internal sealed record FulfillmentOrderNode(
    string Id,
    string? Status,
    string? RequestStatus,
    DateTimeOffset? UpdatedAt,
    FulfillmentOrderAssignedLocation? AssignedLocation,
    Connection<FulfillmentOrderLineNode>? LineItems,
    OrderNode? Order)
{
    /// <summary>
    /// The actions Shopify allows on the fulfilment order now; selected only by the query that allocates shipments
    /// (null elsewhere).
    /// </summary>
    public IReadOnlyList<SupportedActionNode>? SupportedActions { get; init; }
}
