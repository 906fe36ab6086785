namespace Connectors.Mapping.Internal;

/// <summary>The compiled ship-by rules of a channel profile.</summary>
internal sealed partial class CompiledProfile
{
    /// <summary>The handling-time calendar, or <see langword="null"/> when the profile has no rule.</summary>
    public BusinessCalendar? HandlingTime { get; init; }

    /// <summary>Whether the channel's own ship-by wins over <see cref="HandlingTime"/>.</summary>
    public bool PreferChannelShipBy { get; init; } = true;

    /// <summary>The ship-by deadline of the warehouse order: the channel's or the rule's, as the profile prefers.</summary>
    public DateTimeOffset? ShipBy(ChannelOrder order)
    {
        if (order.ShipBy is { } fromChannel && (PreferChannelShipBy || HandlingTime is null))
        {
            return fromChannel;
        }

        return HandlingTime?.ShipBy(order.CreatedAt) ?? order.ShipBy;
    }
}
