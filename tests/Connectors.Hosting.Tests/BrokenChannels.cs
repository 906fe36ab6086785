using System.Net.Http;
using System.Net.Sockets;
using System.Runtime.CompilerServices;

namespace Connectors.Hosting.Tests;

/// <summary>
/// A channel whose every call fails with the raw transport error a client that does not wrap it lets out (connection
/// refused), as <see cref="HttpRequestException"/>: not a <see cref="ConnectorException"/>.
/// </summary>
internal sealed class RefusingChannel(string name) : IOrderChannel, IInventoryChannel
{
    private int _calls;

    public string Name { get; } = name;

    public string Platform => "refusing";

    public ChannelCapabilities Capabilities { get; } = new();

    /// <summary>How many calls reached the channel.</summary>
    public int Calls => Volatile.Read(ref _calls);

    public IAsyncEnumerable<ChannelOrder> ListOrdersAsync(DateTimeOffset updatedSince, CancellationToken cancellationToken = default) => Refuse<ChannelOrder>();

    public Task<ChannelOrder?> GetOrderAsync(string orderId, CancellationToken cancellationToken = default) => throw Refused();

    public Task AcknowledgeOrderAsync(OrderAcknowledgement acknowledgement, CancellationToken cancellationToken = default) => throw Refused();

    public Task<IReadOnlyList<InventoryPushItemResult>> PushInventoryAsync(IReadOnlyList<InventoryTarget> targets, CancellationToken cancellationToken = default) => throw Refused();

    public IAsyncEnumerable<ChannelInventoryLevel> ReadInventoryAsync(IReadOnlyCollection<string>? channelItemIds = null, CancellationToken cancellationToken = default) =>
        Refuse<ChannelInventoryLevel>();

    private HttpRequestException Refused()
    {
        Interlocked.Increment(ref _calls);
        return new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused (127.0.0.1:1)", new SocketException((int)SocketError.ConnectionRefused));
    }

#pragma warning disable CS1998 // An iterator that throws at its first MoveNextAsync, as a client does when the connection is refused.
    private async IAsyncEnumerable<T> Refuse<T>()
    {
        throw Refused();
#pragma warning disable CS0162
        yield break;
#pragma warning restore CS0162
    }
#pragma warning restore CS1998
}

/// <summary>A channel whose every call hangs until it is cancelled (a server that accepts and never answers).</summary>
internal sealed class HangingChannel(string name) : IOrderChannel, IInventoryChannel
{
    private int _entered;

    public string Name { get; } = name;

    public string Platform => "hanging";

    public ChannelCapabilities Capabilities { get; } = new();

    /// <summary>Completes when the first call is hanging.</summary>
    public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>How many calls started.</summary>
    public int Calls => Volatile.Read(ref _entered);

    public async IAsyncEnumerable<ChannelOrder> ListOrdersAsync(DateTimeOffset updatedSince, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await HangAsync(cancellationToken);
        yield break;
    }

    public async Task<ChannelOrder?> GetOrderAsync(string orderId, CancellationToken cancellationToken = default)
    {
        await HangAsync(cancellationToken);
        return null;
    }

    public Task AcknowledgeOrderAsync(OrderAcknowledgement acknowledgement, CancellationToken cancellationToken = default) => HangAsync(cancellationToken);

    public async Task<IReadOnlyList<InventoryPushItemResult>> PushInventoryAsync(IReadOnlyList<InventoryTarget> targets, CancellationToken cancellationToken = default)
    {
        await HangAsync(cancellationToken);
        return [];
    }

    public async IAsyncEnumerable<ChannelInventoryLevel> ReadInventoryAsync(IReadOnlyCollection<string>? channelItemIds = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await HangAsync(cancellationToken);
        yield break;
    }

    private async Task HangAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _entered);
        Entered.TrySetResult();
        await Task.Delay(Timeout.Infinite, cancellationToken);
    }
}
