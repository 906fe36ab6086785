namespace Connectors;

/// <summary>A channel instance: one shop or marketplace account, known by its name.</summary>
public interface IChannel
{
    /// <summary>The channel instance name given at registration (for example <c>store-a</c>).</summary>
    string Name { get; }

    /// <summary>The platform (for example <c>shopify</c>, <c>woocommerce</c>, <c>fake</c>).</summary>
    string Platform { get; }

    /// <summary>What the channel supports, so the engine can adapt.</summary>
    ChannelCapabilities Capabilities { get; }
}
