using Connectors.Internal;

namespace Connectors;

/// <summary>A named channel instance and how to create it. One channel object may implement several ports.</summary>
public sealed record ChannelRegistration
{
    /// <summary>Creates a registration.</summary>
    /// <param name="name">The channel instance name; unique across the host.</param>
    /// <param name="platform">The platform (for example <c>shopify</c>).</param>
    /// <param name="factory">Creates the channel once, on first use.</param>
    /// <exception cref="ConnectorValidationException">The name or platform is empty.</exception>
    public ChannelRegistration(string name, string platform, Func<IServiceProvider, IChannel> factory)
    {
        Name = Guard.NotEmpty(name, nameof(Name));
        Platform = Guard.NotEmpty(platform, nameof(Platform));
        ArgumentNullException.ThrowIfNull(factory);
        Factory = factory;
    }

    /// <summary>The channel instance name.</summary>
    public string Name { get; }

    /// <summary>The platform.</summary>
    public string Platform { get; }

    /// <summary>Creates the channel.</summary>
    public Func<IServiceProvider, IChannel> Factory { get; }

    /// <summary>
    /// How the channel names stock locations, when WMS location ids cannot be used as they are; the inventory flow
    /// then requires a location mapping for the channel and checks it at start (see <see cref="ChannelLocationRule"/>).
    /// </summary>
    /// <value>Default <see langword="null"/>: WMS location ids may be used as the channel's.</value>
    public ChannelLocationRule? LocationRule { get; init; }
}
