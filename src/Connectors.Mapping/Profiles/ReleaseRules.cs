namespace Connectors.Mapping.Profiles;

/// <summary>
/// The release decision. The order's state on the channel is looked at first: a cancelled order rejects; by default a
/// completed (closed) order and a fully fulfilled order reject (they were shipped elsewhere, or before the connector was
/// installed, and must not be shipped twice), a partially fulfilled one holds, and an order on hold on the channel
/// (<c>OnHold</c>: Shopify fulfilment orders ON_HOLD, WooCommerce <c>on-hold</c>, Magento <c>holded</c>) holds unless its
/// payment status rejects it. Then the payment status: paid,
/// authorised and partially refunded release; unknown, pending and partially paid hold; refunded, voided and failed reject.
/// </summary>
public sealed class ReleaseRules
{
    /// <summary>Overrides by payment status name (<c>Pending</c>, <c>Authorized</c> …) to <c>Release</c>, <c>Hold</c> or <c>Reject</c>.</summary>
    public IDictionary<string, ReleaseDecision> PaymentStatus { get; } = new Dictionary<string, ReleaseDecision>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Orders carrying one of these tags (without case) are held whatever their payment status.</summary>
    public IList<string> HoldTags { get; } = new List<string>();

    /// <summary>
    /// Overrides by the order's state on the channel (<c>Open</c>, <c>OnHold</c>, <c>Completed</c>) to <c>Hold</c> or
    /// <c>Reject</c>; <c>Release</c> lets the payment status decide. <c>Cancelled</c> always rejects.
    /// </summary>
    /// <value>
    /// Empty by default, which means <c>Completed</c>: <c>Reject</c> and <c>OnHold</c>: <c>Hold</c> (a payment the rules
    /// reject still rejects); <c>Open</c> lets the payment status decide. Set <c>OnHold</c> to <c>Release</c> to ship orders
    /// the channel has on hold.
    /// </value>
    public IDictionary<string, ReleaseDecision> OrderStatus { get; } = new Dictionary<string, ReleaseDecision>(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Overrides by the order's fulfilment status on the channel (<c>Unfulfilled</c>, <c>PartiallyFulfilled</c>,
    /// <c>Fulfilled</c>) to <c>Hold</c> or <c>Reject</c>; <c>Release</c> lets the payment status decide. Applies only to
    /// an order that is not in the WMS yet (an order the WMS ships itself becomes fulfilled afterwards).
    /// </summary>
    /// <value>Empty by default, which means <c>Fulfilled</c>: <c>Reject</c>, <c>PartiallyFulfilled</c>: <c>Hold</c>.</value>
    public IDictionary<string, ReleaseDecision> FulfillmentStatus { get; } = new Dictionary<string, ReleaseDecision>(StringComparer.OrdinalIgnoreCase);
}
