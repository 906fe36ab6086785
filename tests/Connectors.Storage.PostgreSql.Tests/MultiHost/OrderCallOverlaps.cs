namespace Connectors.Storage.PostgreSql.Tests.MultiHost;

/// <summary>
/// What the WMS would see across every host: the calls in flight per order, and each moment a call for an order began
/// while another call for the same order had not returned yet (two versions of one order processed at once).
/// </summary>
internal sealed class OrderCallOverlaps
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, int> _inFlight = new(StringComparer.Ordinal);
    private readonly List<string> _overlaps = [];

    public IReadOnlyList<string> Overlaps
    {
        get
        {
            lock (_gate)
            {
                return [.. _overlaps];
            }
        }
    }

    public IDisposable Enter(string host, string call, string orderId)
    {
        lock (_gate)
        {
            var count = _inFlight.GetValueOrDefault(orderId) + 1;
            _inFlight[orderId] = count;
            if (count > 1)
            {
                _overlaps.Add($"host {host} began {call} of order {orderId} while {count - 1} other call(s) for it were in flight");
            }
        }

        return new Exit(this, orderId);
    }

    private sealed class Exit(OrderCallOverlaps owner, string orderId) : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0)
            {
                lock (owner._gate)
                {
                    owner._inFlight[orderId]--;
                }
            }
        }
    }
}
