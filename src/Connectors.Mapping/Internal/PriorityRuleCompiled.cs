namespace Connectors.Mapping.Internal;

/// <summary>A compiled priority rule.</summary>
internal sealed record PriorityRuleCompiled(string? Tag, string? Attribute, string? Value, string? ShippingMethod, int Priority)
{
    /// <summary>Matches an order whose ship-by is at most this long after it was placed (a short handling window).</summary>
    public TimeSpan? ShipByWithin { get; init; }

    public bool Matches(ChannelOrder order, DateTimeOffset? shipBy)
    {
        if (ShipByWithin is { } within)
        {
            return shipBy is { } deadline && deadline - order.CreatedAt <= within;
        }

        if (Tag is not null)
        {
            foreach (var tag in order.Tags)
            {
                if (string.Equals(tag, Tag, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }

            return false;
        }

        if (Attribute is not null)
        {
            foreach (var pair in order.Attributes)
            {
                if (string.Equals(pair.Key, Attribute, StringComparison.OrdinalIgnoreCase))
                {
                    return Value is null || string.Equals(pair.Value, Value, StringComparison.OrdinalIgnoreCase);
                }
            }

            return false;
        }

        return string.Equals(order.ShippingMethod, ShippingMethod, StringComparison.OrdinalIgnoreCase);
    }
}
