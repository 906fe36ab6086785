using Connectors.Internal;

namespace Connectors.Tests.Orders;

/// <summary>Records the order flow's calls into the inventory engine's oversell window, in order.</summary>
internal sealed class RecordingOversellWindow : IOversellWindow
{
    private readonly Lock _gate = new();
    private readonly List<string> _calls = [];
    private readonly Dictionary<(string Channel, string OrderId), PendingReservation> _open = [];

    public IReadOnlyList<string> Calls
    {
        get
        {
            lock (_gate)
            {
                return [.. _calls];
            }
        }
    }

    public IReadOnlyDictionary<(string Channel, string OrderId), PendingReservation> Open
    {
        get
        {
            lock (_gate)
            {
                return new Dictionary<(string, string), PendingReservation>(_open);
            }
        }
    }

    public ValueTask OpenAsync(PendingReservation reservation, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _calls.Add($"open {reservation.Channel}/{reservation.OrderId}");
            _open[(reservation.Channel, reservation.OrderId)] = reservation;
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask CloseAsync(string channel, string orderId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _calls.Add($"close {channel}/{orderId}");
            _open.Remove((channel, orderId));
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask AcceptedAsync(string channel, string orderId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _calls.Add($"accepted {channel}/{orderId}");
            _open.Remove((channel, orderId));
        }

        return ValueTask.CompletedTask;
    }
}
