using System.Globalization;
using Connectors.Testing;

namespace Connectors.Tests.Fulfillment;

/// <summary>
/// A channel whose fulfilment endpoint is NOT idempotent (every call creates a new fulfilment) and whose next
/// answers can be lost after the fulfilment was created: the worst case the outbox must still get right.
/// </summary>
internal sealed class LossyFulfillmentChannel(FakeChannel orders) : IFulfillmentChannel, IOrderChannel
{
    private readonly Lock _gate = new();
    private readonly List<ChannelFulfillment> _created = [];
    private readonly List<FulfillmentRequest> _requests = [];
    private int _loseAnswers;

    public string Name => orders.Name;

    public string Platform => "lossy";

    public ChannelCapabilities Capabilities => orders.Capabilities;

    public IReadOnlyList<ChannelFulfillment> Created
    {
        get
        {
            lock (_gate)
            {
                return [.. _created];
            }
        }
    }

    public IReadOnlyList<FulfillmentRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    public void LoseNextAnswers(int count) => Interlocked.Exchange(ref _loseAnswers, count);

    public Task<ChannelFulfillment> CreateFulfillmentAsync(FulfillmentRequest request, CancellationToken cancellationToken = default)
    {
        ChannelFulfillment created;
        lock (_gate)
        {
            _requests.Add(request);
            created = new ChannelFulfillment
            {
                FulfillmentId = "F" + (_created.Count + 1).ToString(CultureInfo.InvariantCulture),
                ChannelOrderId = request.ChannelOrderId,
                Lines = request.Lines,
                Tracking = request.Tracking,
                IdempotencyKey = request.IdempotencyKey,
            };
            _created.Add(created);
        }

        return Interlocked.Decrement(ref _loseAnswers) >= 0
            ? throw new ConnectorRequestFailedException("lossy", "Gateway timeout", 504)
            : Task.FromResult(created);
    }

    public Task<IReadOnlyList<ChannelFulfillment>> ListFulfillmentsAsync(string channelOrderId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<ChannelFulfillment>>([.. _created.Where(f => f.ChannelOrderId == channelOrderId)]);
        }
    }

    public Task UpdateTrackingAsync(string fulfillmentId, IReadOnlyList<TrackingInfo> tracking, CancellationToken cancellationToken = default) => Task.CompletedTask;

    public IAsyncEnumerable<ChannelOrder> ListOrdersAsync(DateTimeOffset updatedSince, CancellationToken cancellationToken = default) => orders.ListOrdersAsync(updatedSince, cancellationToken);

    public Task<ChannelOrder?> GetOrderAsync(string orderId, CancellationToken cancellationToken = default) => orders.GetOrderAsync(orderId, cancellationToken);

    public Task AcknowledgeOrderAsync(OrderAcknowledgement acknowledgement, CancellationToken cancellationToken = default) => orders.AcknowledgeOrderAsync(acknowledgement, cancellationToken);
}
