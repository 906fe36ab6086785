namespace Connectors.Mapping;

/// <summary>The release rules used when no mapping profile says otherwise: paid or authorised release, pending holds.</summary>
internal static class DefaultReleaseRules
{
    public static (ReleaseDecision Decision, string? Reason) Decide(ChannelOrder order) => order.PaymentStatus switch
    {
        PaymentStatus.Paid or PaymentStatus.Authorized or PaymentStatus.PartiallyRefunded => (ReleaseDecision.Release, null),
        PaymentStatus.Voided or PaymentStatus.Failed or PaymentStatus.Refunded =>
            (ReleaseDecision.Reject, $"payment status is {order.PaymentStatus}"),
        _ => (ReleaseDecision.Hold, $"payment status is {order.PaymentStatus}; held until paid"),
    };
}
