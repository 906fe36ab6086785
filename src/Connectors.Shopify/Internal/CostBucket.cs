namespace Connectors.Shopify.Internal;

/// <summary>
/// The client-side estimate of one shop's query-cost leaky bucket, shared by every client of that shop in the process.
/// Requests reserve their estimated cost before sending (waiting while the bucket cannot afford it) and the
/// response's <c>throttleStatus</c> resets the estimate to the server's figure.
/// </summary>
internal sealed class CostBucket
{
    private readonly object _gate = new();
    private readonly TimeProvider _time;
    private double _capacity;
    private double _available;
    private double _restoreRate;
    private long _updatedAt;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public CostBucket(string shop, TimeProvider time, double capacity, double restoreRate)
    {
        Shop = shop;
        _time = time;
        _capacity = capacity;
        _available = capacity;
        _restoreRate = restoreRate;
        _updatedAt = time.GetTimestamp();
    }

    public string Shop { get; }

    public double Capacity
    {
        get
        {
            lock (_gate)
            {
                return _capacity;
            }
        }
    }

    public double RestoreRate
    {
        get
        {
            lock (_gate)
            {
                return _restoreRate;
            }
        }
    }

    /// <summary>The estimated points available now.</summary>
    public double Available
    {
        get
        {
            lock (_gate)
            {
                Refill();
                return _available;
            }
        }
    }

    /// <summary>
    /// Completes when the estimate next grows by more than its refill: the server's figures arrive, or a reservation is
    /// returned. A request waiting for room takes this before <see cref="TryReserve"/> and waits for it or the computed
    /// delay, whichever comes first: the delay is computed while other requests still hold the reservation of their
    /// requested cost, and their answers give back all but the actual cost, often most of it, long before the delay ends.
    /// </summary>
    public Task Changed
    {
        get
        {
            lock (_gate)
            {
                return _changed.Task;
            }
        }
    }

    /// <summary>Reserves <paramref name="cost"/> points if affordable; otherwise returns how long until it is.</summary>
    public TimeSpan TryReserve(double cost)
    {
        lock (_gate)
        {
            Refill();
            var needed = Math.Min(cost, _capacity);
            if (_available >= needed)
            {
                _available -= needed;
                return TimeSpan.Zero;
            }

            return TimeSpan.FromSeconds((needed - _available) / _restoreRate);
        }
    }

    /// <summary>Returns a reservation that was not spent (the request failed before reaching the bucket).</summary>
    public void Refund(double cost)
    {
        lock (_gate)
        {
            _available = Math.Min(_capacity, _available + cost);
            Signal();
        }
    }

    /// <summary>Takes the server's view of the bucket after a response.</summary>
    public void Observe(double maximumAvailable, double currentlyAvailable, double restoreRate, double inFlightReserved)
    {
        lock (_gate)
        {
            _capacity = maximumAvailable > 0 ? maximumAvailable : _capacity;
            _restoreRate = restoreRate > 0 ? restoreRate : _restoreRate;
            // Other requests of this process may be in flight with points the server has not charged yet. Shopify reports
            // whole points (the fraction restored so far is dropped): the figure is taken as it is, never rounded up, so
            // the estimate stays at or below the server's and a request it affords is not THROTTLED (adding back half a
            // point on average sent a large page a fraction of a point early now and then: LargeOrderTests).
            _available = Math.Clamp(currentlyAvailable - inFlightReserved, 0, _capacity);
            _updatedAt = _time.GetTimestamp();
            Signal();
        }
    }

    private void Signal()
    {
        // Continuations run asynchronously, so completing the task under the lock runs no waiter's code here.
        var changed = _changed;
        _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        changed.TrySetResult();
    }

    private void Refill()
    {
        var now = _time.GetTimestamp();
        var elapsed = _time.GetElapsedTime(_updatedAt, now).TotalSeconds;
        _updatedAt = now;
        if (elapsed > 0)
        {
            _available = Math.Min(_capacity, _available + (elapsed * _restoreRate));
        }
    }
}
