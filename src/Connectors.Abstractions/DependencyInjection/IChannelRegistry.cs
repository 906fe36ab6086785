using System.Diagnostics.CodeAnalysis;

namespace Connectors;

/// <summary>The host's named channel instances.</summary>
public interface IChannelRegistry
{
    /// <summary>The registered channel names, in registration order.</summary>
    IReadOnlyList<string> Names { get; }

    /// <summary>Gets a channel by name.</summary>
    /// <param name="name">The channel instance name.</param>
    /// <returns>The channel.</returns>
    /// <exception cref="ConnectorException">No channel has that name; the message lists the names there are.</exception>
    IChannel GetChannel(string name);

    /// <summary>Gets a port (<see cref="IInventoryChannel"/>, <see cref="IOrderChannel"/>, <see cref="IWebhookHandler"/> …) of a channel if it implements it.</summary>
    /// <typeparam name="TPort">The port.</typeparam>
    /// <param name="name">The channel instance name.</param>
    /// <param name="port">The port.</param>
    /// <returns><see langword="true"/> when the channel exists and implements the port.</returns>
    bool TryGetPort<TPort>(string name, [NotNullWhen(true)] out TPort? port)
        where TPort : class;
}
