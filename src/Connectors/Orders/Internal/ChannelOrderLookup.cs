namespace Connectors.Orders.Internal;

/// <summary>Finds the channel order a shipment or return belongs to: the version the order flow stored, else the channel's.</summary>
internal sealed class ChannelOrderLookup(ISyncStateStore store, IChannelRegistry channels)
{
    public async ValueTask<ChannelOrder?> FindAsync(string channel, string orderId, CancellationToken cancellationToken)
    {
        var record = await store.GetOrderRecordAsync(channel, orderId, cancellationToken).ConfigureAwait(false);
        if (OrderPayloads.ReadState(record?.Payload)?.Order is { } stored)
        {
            return stored;
        }

        return channels.TryGetPort<IOrderChannel>(channel, out var orders)
            ? await orders.GetOrderAsync(orderId, cancellationToken).ConfigureAwait(false)
            : null;
    }

    public async ValueTask<ChannelOrder> GetAsync(string channel, string orderId, CancellationToken cancellationToken) =>
        await FindAsync(channel, orderId, cancellationToken).ConfigureAwait(false)
        ?? throw new ConnectorException($"Order {orderId} of channel {channel} is neither known to the engine nor visible on the channel yet; waiting for it.", isTransient: true);
}
