using Connectors.Testing;

namespace Connectors.Tests.Orders;

/// <summary>A fake order channel whose first acknowledgements fail transiently.</summary>
internal sealed class FlakyAcknowledgementChannel(FakeChannel inner, int failures) : IOrderChannel
{
    private int _failures = failures;

    public FakeChannel Inner { get; } = inner;

    public string Name => Inner.Name;

    public string Platform => Inner.Platform;

    public ChannelCapabilities Capabilities => Inner.Capabilities;

    public IAsyncEnumerable<ChannelOrder> ListOrdersAsync(DateTimeOffset updatedSince, CancellationToken cancellationToken = default) =>
        Inner.ListOrdersAsync(updatedSince, cancellationToken);

    public Task<ChannelOrder?> GetOrderAsync(string orderId, CancellationToken cancellationToken = default) => Inner.GetOrderAsync(orderId, cancellationToken);

    public Task AcknowledgeOrderAsync(OrderAcknowledgement acknowledgement, CancellationToken cancellationToken = default) =>
        Interlocked.Decrement(ref _failures) >= 0
            ? throw new ConnectorRequestFailedException("fake", "Service unavailable", 503)
            : Inner.AcknowledgeOrderAsync(acknowledgement, cancellationToken);
}
