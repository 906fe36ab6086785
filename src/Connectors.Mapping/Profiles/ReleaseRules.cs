namespace Connectors.Mapping.Profiles;

/// <summary>
/// The release decision. Defaults: paid, authorised and partially refunded release; unknown, pending and partially
/// paid hold; refunded, voided and failed reject; a cancelled order rejects.
/// </summary>
public sealed class ReleaseRules
{
    /// <summary>Overrides by payment status name (<c>Pending</c>, <c>Authorized</c> …) to <c>Release</c>, <c>Hold</c> or <c>Reject</c>.</summary>
    public IDictionary<string, ReleaseDecision> PaymentStatus { get; } = new Dictionary<string, ReleaseDecision>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Orders carrying one of these tags (without case) are held whatever their payment status.</summary>
    public IList<string> HoldTags { get; } = new List<string>();
}
