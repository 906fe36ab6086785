namespace Connectors.Mapping.Profiles;

/// <summary>
/// One priority rule: matches when the order has <see cref="Tag"/>, or when attribute <see cref="Attribute"/> is
/// present (and equals <see cref="Value"/> if set), or when the shipping method equals <see cref="ShippingMethod"/>, or
/// when the ship-by deadline is within <see cref="ShipByWithinHours"/> of the order's placement. Exactly one of
/// <see cref="Tag"/>, <see cref="Attribute"/>, <see cref="ShippingMethod"/> and <see cref="ShipByWithinHours"/> is set.
/// Text compares without case.
/// </summary>
public sealed class PriorityRule
{
    /// <summary>The order tag.</summary>
    public string? Tag { get; set; }

    /// <summary>The order attribute key.</summary>
    public string? Attribute { get; set; }

    /// <summary>The attribute value required, if any.</summary>
    public string? Value { get; set; }

    /// <summary>The channel shipping method.</summary>
    public string? ShippingMethod { get; set; }

    /// <summary>
    /// Matches an order whose warehouse ship-by deadline (the channel's, or the handling-time rule's) is at most this
    /// many hours after the order was placed: a short handling window, for example same-day or next-day dispatch.
    /// </summary>
    public double? ShipByWithinHours { get; set; }

    /// <summary>The priority given.</summary>
    public int Priority { get; set; }
}
