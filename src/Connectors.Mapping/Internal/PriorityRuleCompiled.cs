namespace Connectors.Mapping.Internal;

/// <summary>A compiled priority rule.</summary>
internal sealed record PriorityRuleCompiled(string? Tag, string? Attribute, string? Value, string? ShippingMethod, int Priority)
{
    public bool Matches(ChannelOrder order)
    {
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
