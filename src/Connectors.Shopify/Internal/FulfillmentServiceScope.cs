namespace Connectors.Shopify.Internal;

/// <summary>
/// What a fulfilment service sees of an order: every fulfilment order assigned to its location with a request, pending
/// or answered. The canonical order then holds only their lines (quantity = the units the service was asked for, those
/// it fulfilled included; fulfilled = the units fulfilled of those), is cancelled when the merchant asked to cancel the
/// accepted request, and is versioned by the latest change of the order or those fulfilment orders.
/// </summary>
/// <param name="Quantities">Units per LineItem GID on the service's fulfilment orders (<c>totalQuantity</c>).</param>
/// <param name="Fulfilled">Units per LineItem GID fulfilled on them (<c>totalQuantity - remainingQuantity</c>).</param>
/// <param name="FulfillmentOrderIds">The service's fulfilment orders.</param>
/// <param name="RequestStatus">The request status that put the order in front of the service (for example <c>SUBMITTED</c>).</param>
/// <param name="CancellationRequested">Whether the merchant asked the service to cancel.</param>
/// <param name="UpdatedAt">The latest change of the service's fulfilment orders.</param>
internal sealed record FulfillmentServiceScope(
    IReadOnlyDictionary<string, int> Quantities,
    IReadOnlyDictionary<string, int> Fulfilled,
    IReadOnlyList<string> FulfillmentOrderIds,
    string RequestStatus,
    bool CancellationRequested,
    DateTimeOffset? UpdatedAt);
