namespace Connectors.Shopify.Internal.Json;

internal sealed record ReturnDetailNode(
    string Id,
    string? Status,
    NodeRef? Order,
    Connection<ReturnLineNode>? ReturnLineItems,
    Connection<ReverseFulfillmentOrderNode>? ReverseFulfillmentOrders)
{
    /// <summary>Schema, Return.createdAt: "The date and time when the return was created."</summary>
    public DateTimeOffset? CreatedAt { get; init; }
}
