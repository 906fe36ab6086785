namespace Connectors.Mapping;

/// <summary>
/// The release rules used when no mapping profile says otherwise: an order completed or fully fulfilled on the channel
/// rejects (shipped elsewhere or before the connector was installed), a partially fulfilled one holds; an order on hold
/// on the channel (Shopify fulfilment orders ON_HOLD, WooCommerce <c>on-hold</c>, Magento <c>holded</c>) holds unless
/// its payment rejects it; then paid or authorised release, pending holds.
/// </summary>
internal static class DefaultReleaseRules
{
    public static (ReleaseDecision Decision, string? Reason) Decide(ChannelOrder order) => order switch
    {
        { Status: ChannelOrderStatus.Completed } => (ReleaseDecision.Reject, "the order is Completed on the channel"),
        { FulfillmentStatus: FulfillmentStatus.Fulfilled } => (ReleaseDecision.Reject, "the order is Fulfilled on the channel"),
        { FulfillmentStatus: FulfillmentStatus.PartiallyFulfilled } => (ReleaseDecision.Hold, "the order is PartiallyFulfilled on the channel"),
        { Status: ChannelOrderStatus.OnHold } => ByPayment(order) is { Decision: ReleaseDecision.Reject } rejected
            ? rejected
            : (ReleaseDecision.Hold, "the order is OnHold on the channel; released when the hold is lifted there"),
        _ => ByPayment(order),
    };

    private static (ReleaseDecision Decision, string? Reason) ByPayment(ChannelOrder order) => order.PaymentStatus switch
    {
        PaymentStatus.Paid or PaymentStatus.Authorized or PaymentStatus.PartiallyRefunded => (ReleaseDecision.Release, null),
        PaymentStatus.Voided or PaymentStatus.Failed or PaymentStatus.Refunded =>
            (ReleaseDecision.Reject, $"payment status is {order.PaymentStatus}"),
        _ => (ReleaseDecision.Hold, $"payment status is {order.PaymentStatus}; held until paid"),
    };
}
