namespace Connectors.Mapping.Profiles;

/// <summary>
/// One priority rule: matches when the order has <see cref="Tag"/>, or when attribute <see cref="Attribute"/> is
/// present (and equals <see cref="Value"/> if set), or when the shipping method equals <see cref="ShippingMethod"/>.
/// Exactly one of <see cref="Tag"/>, <see cref="Attribute"/> and <see cref="ShippingMethod"/> is set. All compare without case.
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

    /// <summary>The priority given.</summary>
    public int Priority { get; set; }
}
