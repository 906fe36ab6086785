using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Connectors.WooCommerce.Internal;

/// <summary>Holds one <see cref="AdaptiveThrottle"/> per channel for the life of the container.</summary>
internal sealed class ThrottleRegistry(IOptionsMonitor<WooCommerceOptions> monitor, TimeProvider time) : IDisposable
{
    private readonly ConcurrentDictionary<string, AdaptiveThrottle> _throttles = new(StringComparer.OrdinalIgnoreCase);

    public AdaptiveThrottle Get(string channel) => _throttles.GetOrAdd(channel, name =>
    {
        var options = monitor.Get(name);
        return new AdaptiveThrottle(options.MaxConcurrency, options.RequestsPerSecond, time);
    });

    public void Dispose()
    {
        foreach (var throttle in _throttles.Values)
        {
            throttle.Dispose();
        }
    }
}
