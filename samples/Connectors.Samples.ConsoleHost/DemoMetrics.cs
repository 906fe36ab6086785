using System.Diagnostics.Metrics;

namespace Connectors.Samples.ConsoleHost;

/// <summary>
/// Listens to the SDK's <c>Connectors</c> meter in process (what an OpenTelemetry exporter would read): the
/// <c>connectors.inventory.latency</c> histogram (recorded desired quantity to channel acknowledgement), pushed
/// items, throttled responses, shipments sent and dead letters.
/// </summary>
internal sealed class DemoMetrics : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly Lock _gate = new();
    private readonly List<double> _latencies = [];
    private long _pushedItems;
    private long _throttled;
    private long _shipmentsSent;
    private long _deadLetters;
    private long _operations;

    /// <summary>Starts listening.</summary>
    public DemoMetrics()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "Connectors")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<double>((i, value, tags, _) => Record(i.Name, value, tags));
        _listener.SetMeasurementEventCallback<long>((i, value, tags, _) => Record(i.Name, value, tags));
        _listener.SetMeasurementEventCallback<int>((i, value, tags, _) => Record(i.Name, value, tags));
        _listener.Start();
    }

    /// <summary>Items channels applied (<c>connectors.inventory.pushed_items</c>, outcome applied).</summary>
    public long PushedItems => Interlocked.Read(ref _pushedItems);

    /// <summary>Throttled responses the channels absorbed (<c>connectors.throttle.throttled_responses</c>).</summary>
    public long Throttled => Interlocked.Read(ref _throttled);

    /// <summary>Shipments sent (<c>connectors.fulfillment.sent</c>).</summary>
    public long ShipmentsSent => Interlocked.Read(ref _shipmentsSent);

    /// <summary>Dead letters added (<c>connectors.dead_letters.added</c>).</summary>
    public long DeadLetters => Interlocked.Read(ref _deadLetters);

    /// <summary>Channel and WMS calls timed by the engine (<c>connectors.operation.duration</c>).</summary>
    public long Operations => Interlocked.Read(ref _operations);

    /// <summary>The latencies recorded, in milliseconds.</summary>
    public IReadOnlyList<double> LatenciesMs
    {
        get
        {
            lock (_gate)
            {
                return [.. _latencies];
            }
        }
    }

    /// <summary>Forgets the latencies recorded so far (the full sync's queueing is not a change's latency).</summary>
    public void ResetLatencies()
    {
        lock (_gate)
        {
            _latencies.Clear();
        }
    }

    /// <summary>The q-quantile (0..1) of a list, nearest rank; null when empty.</summary>
    public static double? Quantile(IReadOnlyList<double> values, double q)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            return null;
        }

        var sorted = values.Order().ToList();
        var rank = (int)Math.Ceiling(q * sorted.Count) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Count - 1)];
    }

    /// <inheritdoc />
    public void Dispose() => _listener.Dispose();

    private static string? Tag(ReadOnlySpan<KeyValuePair<string, object?>> tags, string key)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == key)
            {
                return tag.Value?.ToString();
            }
        }

        return null;
    }

    private void Record(string name, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        switch (name)
        {
            case "connectors.inventory.latency":
                lock (_gate)
                {
                    _latencies.Add(value * 1000);
                }

                break;
            case "connectors.inventory.pushed_items" when Tag(tags, "connector.outcome") is null or "applied":
                Interlocked.Add(ref _pushedItems, (long)value);
                break;
            case "connectors.throttle.throttled_responses":
                Interlocked.Add(ref _throttled, (long)value);
                break;
            case "connectors.fulfillment.sent":
                Interlocked.Add(ref _shipmentsSent, (long)value);
                break;
            case "connectors.dead_letters.added":
                Interlocked.Add(ref _deadLetters, (long)value);
                break;
            case "connectors.operation.duration":
                Interlocked.Increment(ref _operations);
                break;
            default:
                break;
        }
    }
}
