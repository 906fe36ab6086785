namespace Connectors.Testing.Shopify.Internal;

/// <summary>The server side leaky bucket: restores points continuously, refuses a query whose requested cost exceeds what is available.</summary>
internal sealed class LeakyBucket
{
    private readonly object _gate = new();
    private readonly TimeProvider _time;
    private double _available;
    private long _updated;

    public LeakyBucket(int size, int restoreRate, TimeProvider time)
    {
        Size = size;
        RestoreRate = restoreRate;
        _time = time;
        _available = size;
        _updated = time.GetTimestamp();
    }

    public int Size { get; }

    public int RestoreRate { get; }

    /// <summary>Charges <paramref name="requested"/> when available; returns whether it was and what is left.</summary>
    public (bool Allowed, double Available) TryCharge(int requested)
    {
        lock (_gate)
        {
            Refill();
            if (requested > _available)
            {
                return (false, _available);
            }

            _available -= requested;
            return (true, _available);
        }
    }

    /// <summary>Gives back the difference between requested and actual cost.</summary>
    public double Refund(int points)
    {
        lock (_gate)
        {
            Refill();
            _available = Math.Min(Size, _available + points);
            return _available;
        }
    }

    private void Refill()
    {
        var now = _time.GetTimestamp();
        var elapsed = _time.GetElapsedTime(_updated, now).TotalSeconds;
        _updated = now;
        _available = Math.Min(Size, _available + (elapsed * RestoreRate));
    }
}
