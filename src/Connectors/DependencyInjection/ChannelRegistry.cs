using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace Connectors.DependencyInjection;

/// <summary>Creates each registered channel once, on first use, and finds it by name.</summary>
internal sealed class ChannelRegistry : IChannelRegistry
{
    private readonly IServiceProvider _services;
    private readonly Dictionary<string, ChannelRegistration> _registrations;
    private readonly ConcurrentDictionary<string, Lazy<IChannel>> _channels = new(StringComparer.OrdinalIgnoreCase);

    public ChannelRegistry(IServiceProvider services, IEnumerable<ChannelRegistration> registrations)
    {
        _services = services;
        var list = registrations.ToList();
        _registrations = new Dictionary<string, ChannelRegistration>(StringComparer.OrdinalIgnoreCase);
        foreach (var registration in list)
        {
            if (!_registrations.TryAdd(registration.Name, registration))
            {
                throw new ConnectorValidationException(
                    "Channels",
                    $"name '{registration.Name}' is registered more than once; every channel instance needs its own name.");
            }
        }

        Names = list.Select(r => r.Name).ToArray();
    }

    public IReadOnlyList<string> Names { get; }

    public IChannel GetChannel(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!_registrations.TryGetValue(name, out var registration))
        {
            var known = Names.Count == 0 ? "none are registered" : "registered: " + string.Join(", ", Names);
            throw new ConnectorException($"No channel is named '{name}' ({known}).");
        }

        return _channels.GetOrAdd(name, _ => new Lazy<IChannel>(() => Create(registration))).Value;
    }

    public bool TryGetPort<TPort>(string name, [NotNullWhen(true)] out TPort? port)
        where TPort : class
    {
        ArgumentNullException.ThrowIfNull(name);
        if (_registrations.ContainsKey(name) && GetChannel(name) is TPort found)
        {
            port = found;
            return true;
        }

        port = null;
        return false;
    }

    private IChannel Create(ChannelRegistration registration)
    {
        var channel = registration.Factory(_services)
            ?? throw new ConnectorException($"The factory of channel '{registration.Name}' returned null.");
        if (!string.Equals(channel.Name, registration.Name, StringComparison.Ordinal))
        {
            throw new ConnectorException(
                $"Channel registered as '{registration.Name}' calls itself '{channel.Name}'; the names must match.");
        }

        return channel;
    }
}
