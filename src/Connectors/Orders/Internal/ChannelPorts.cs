namespace Connectors.Orders.Internal;

/// <summary>Finds a channel's port or fails permanently, naming what is missing.</summary>
internal static class ChannelPorts
{
    public static TPort Get<TPort>(IChannelRegistry channels, string channel)
        where TPort : class
    {
        if (channels.TryGetPort<TPort>(channel, out var port))
        {
            return port;
        }

        // Throws a clear message when the name is unknown; otherwise the channel lacks the port.
        var found = channels.GetChannel(channel);
        throw new ConnectorException($"Channel '{channel}' ({found.Platform}) does not implement {typeof(TPort).Name}.");
    }
}
