using System.Threading.RateLimiting;

namespace Connectors.WooCommerce.Internal;

/// <summary>
/// The per-shop throttle: a concurrency gate whose limit adapts (AIMD: halve on 429/5xx/timeouts or when latency
/// climbs past twice its settled baseline, add one slot per round of healthy answers), an optional requests/s token
/// bucket, and a pause that every request waits out after a <c>Retry-After</c>. One instance per channel, shared
/// by every handler the factory creates.
/// </summary>
internal sealed class AdaptiveThrottle : IDisposable
{
    private readonly Lock _lock = new();
    private readonly Queue<TaskCompletionSource> _waiters = new();
    private readonly TimeProvider _time;
    private readonly RateLimiter? _rate;
    private readonly int _max;
    private double _limit;
    private int _inFlight;
    private double _baselineMs;
    private double _latencyMs;
    private DateTimeOffset _pausedUntil;

    public AdaptiveThrottle(int maxConcurrency, double requestsPerSecond, TimeProvider time)
    {
        _max = Math.Max(1, maxConcurrency);
        _limit = _max;
        _time = time;
        if (requestsPerSecond > 0)
        {
            var period = TimeSpan.FromSeconds(1 / requestsPerSecond);
            _rate = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
            {
                TokenLimit = Math.Max(1, (int)Math.Min(requestsPerSecond, _max)),
                TokensPerPeriod = 1,
                ReplenishmentPeriod = period < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : period,
                QueueLimit = int.MaxValue,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                AutoReplenishment = true,
            });
        }
    }

    /// <summary>The current concurrency limit (for tests and telemetry).</summary>
    public int CurrentLimit
    {
        get
        {
            lock (_lock)
            {
                return Math.Max(1, (int)_limit);
            }
        }
    }

    public int MaxConcurrency => _max;

    public async ValueTask<IDisposable> AcquireAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            // Read under the lock that Record writes it under: a DateTimeOffset is two fields and may not be read whole
            // (or fresh) while another thread writes it.
            TimeSpan wait;
            lock (_lock)
            {
                wait = _pausedUntil - _time.GetUtcNow();
            }

            if (wait <= TimeSpan.Zero)
            {
                break;
            }

            await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
        }

        if (_rate is not null)
        {
            using var lease = await _rate.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
        }

        TaskCompletionSource? waiter = null;
        lock (_lock)
        {
            if (_inFlight < Math.Max(1, (int)_limit))
            {
                _inFlight++;
            }
            else
            {
                // No RunContinuationsAsynchronously: the waiter is completed outside the lock by the request that frees
                // the slot, and continues on that thread (signs and sends at once) instead of after a thread-pool hop.
                waiter = new TaskCompletionSource();
                _waiters.Enqueue(waiter);
            }
        }

        if (waiter is not null)
        {
            try
            {
                await waiter.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                bool granted;
                lock (_lock)
                {
                    // Granted between the cancellation and here (the slot is counted): give it back.
                    granted = waiter.Task.IsCompletedSuccessfully || !waiter.TrySetCanceled(cancellationToken);
                }

                if (granted)
                {
                    Release();
                }

                throw;
            }
        }

        return new Slot(this);
    }

    /// <summary>Feeds one finished attempt into the limit.</summary>
    public void Record(TimeSpan latency, int? statusCode, TimeSpan? retryAfter)
    {
        TaskCompletionSource? first;
        List<TaskCompletionSource>? more;
        lock (_lock)
        {
            var overloaded = statusCode is null or 429 or >= 500;
            if (retryAfter is { } pause && pause > TimeSpan.Zero && statusCode is 429 or 503)
            {
                var until = _time.GetUtcNow() + pause;
                if (until > _pausedUntil)
                {
                    _pausedUntil = until;
                }
            }

            var ms = latency.TotalMilliseconds;
            _latencyMs = _latencyMs == 0 ? ms : (0.8 * _latencyMs) + (0.2 * ms);
            // The baseline follows falls at once and rises slowly, so it settles at the host's healthy latency.
            _baselineMs = _baselineMs == 0 || _latencyMs < _baselineMs ? _latencyMs : (0.99 * _baselineMs) + (0.01 * _latencyMs);
            if (overloaded || _latencyMs > (2 * _baselineMs) + 5)
            {
                _limit = Math.Max(1, _limit / 2);
                if (!overloaded)
                {
                    // Slower but healthy: let the baseline catch up so one slow phase does not pin the limit at 1.
                    _baselineMs = Math.Max(_baselineMs, _latencyMs / 1.5);
                }
            }
            else
            {
                _limit = Math.Min(_max, _limit + (1 / Math.Max(1, _limit)));
            }

            (first, more) = Pump();
        }

        Grant(first, more);
    }

    public void Dispose() => _rate?.Dispose();

    private void Release()
    {
        TaskCompletionSource? first;
        List<TaskCompletionSource>? more;
        lock (_lock)
        {
            _inFlight--;
            (first, more) = Pump();
        }

        Grant(first, more);
    }

    /// <summary>Gives free slots to the oldest waiters (still to be completed, outside the lock, by <see cref="Grant"/>).</summary>
    private (TaskCompletionSource? First, List<TaskCompletionSource>? More) Pump()
    {
        TaskCompletionSource? first = null;
        List<TaskCompletionSource>? more = null;
        while (_waiters.Count > 0 && _inFlight < Math.Max(1, (int)_limit))
        {
            var next = _waiters.Dequeue();
            if (next.Task.IsCompleted)
            {
                continue; // cancelled while queued
            }

            _inFlight++;
            if (first is null)
            {
                first = next;
            }
            else
            {
                (more ??= []).Add(next);
            }
        }

        return (first, more);
    }

    /// <summary>
    /// Completes the waiters <see cref="Pump"/> granted a slot. A waiter cancelled between the two steps gives its slot back.
    /// </summary>
    private void Grant(TaskCompletionSource? first, List<TaskCompletionSource>? more)
    {
        if (more is not null)
        {
            foreach (var waiter in more)
            {
                if (!waiter.TrySetResult())
                {
                    Release();
                }
            }
        }

        if (first is not null && !first.TrySetResult())
        {
            Release();
        }
    }

    private sealed class Slot(AdaptiveThrottle owner) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                owner.Release();
            }
        }
    }
}
