using System.Runtime.CompilerServices;
using Connectors.Testing;

namespace Connectors.Tests.Orders;

/// <summary>A fake order channel whose listing puts unreadable entries between the fake channel's orders.</summary>
internal sealed class UnreadableListingChannel(FakeChannel inner) : IOrderListingChannel
{
    public FakeChannel Inner { get; } = inner;

    public List<UnreadableOrder> Unreadable { get; } = [];

    public string Name => Inner.Name;

    public string Platform => Inner.Platform;

    public ChannelCapabilities Capabilities => Inner.Capabilities;

    public IAsyncEnumerable<ChannelOrder> ListOrdersAsync(DateTimeOffset updatedSince, CancellationToken cancellationToken = default) =>
        throw new InvalidOperationException("The engine must use ListOrderEntriesAsync of a channel that offers it.");

    public async IAsyncEnumerable<OrderListingEntry> ListOrderEntriesAsync(DateTimeOffset updatedSince, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var bad = 0;
        await foreach (var order in Inner.ListOrdersAsync(updatedSince, cancellationToken).ConfigureAwait(false))
        {
            yield return OrderListingEntry.FromOrder(order);
            if (bad < Unreadable.Count)
            {
                yield return OrderListingEntry.FromUnreadable(Unreadable[bad++]);
            }
        }
    }

    public Task<ChannelOrder?> GetOrderAsync(string orderId, CancellationToken cancellationToken = default) => Inner.GetOrderAsync(orderId, cancellationToken);

    public Task AcknowledgeOrderAsync(OrderAcknowledgement acknowledgement, CancellationToken cancellationToken = default) =>
        Inner.AcknowledgeOrderAsync(acknowledgement, cancellationToken);
}
