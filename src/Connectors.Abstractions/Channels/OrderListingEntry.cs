namespace Connectors;

/// <summary>One entry of an order listing (<see cref="IOrderListingChannel"/>): a readable order, or one that is not.</summary>
public sealed class OrderListingEntry
{
    private OrderListingEntry(ChannelOrder? order, UnreadableOrder? unreadable)
    {
        Order = order;
        Unreadable = unreadable;
    }

    /// <summary>The order, when it could be read; otherwise <see langword="null"/>.</summary>
    public ChannelOrder? Order { get; }

    /// <summary>What could not be read, when the order could not; otherwise <see langword="null"/>.</summary>
    public UnreadableOrder? Unreadable { get; }

    /// <summary>An entry for a readable order.</summary>
    /// <param name="order">The order.</param>
    /// <returns>The entry.</returns>
    public static OrderListingEntry FromOrder(ChannelOrder order)
    {
        ArgumentNullException.ThrowIfNull(order);
        return new OrderListingEntry(order, null);
    }

    /// <summary>An entry for an order the channel could not read.</summary>
    /// <param name="unreadable">What could not be read.</param>
    /// <returns>The entry.</returns>
    public static OrderListingEntry FromUnreadable(UnreadableOrder unreadable)
    {
        ArgumentNullException.ThrowIfNull(unreadable);
        return new OrderListingEntry(null, unreadable);
    }
}
