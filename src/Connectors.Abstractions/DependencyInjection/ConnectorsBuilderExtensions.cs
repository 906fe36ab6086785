using Microsoft.Extensions.DependencyInjection;

namespace Connectors;

/// <summary>Registration helpers that platform packages use on <see cref="IConnectorsBuilder"/>.</summary>
public static class ConnectorsBuilderExtensions
{
    /// <summary>
    /// Registers a named channel instance. Names must be unique; a duplicate is reported when the host starts
    /// (and by <see cref="IChannelRegistry"/> on first use).
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="name">The channel instance name.</param>
    /// <param name="platform">The platform.</param>
    /// <param name="factory">Creates the channel once, on first use.</param>
    /// <returns>The builder.</returns>
    public static IConnectorsBuilder AddChannel(this IConnectorsBuilder builder, string name, string platform, Func<IServiceProvider, IChannel> factory)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton(new ChannelRegistration(name, platform, factory));
        return builder;
    }

    /// <summary>Registers a named channel instance described by <paramref name="registration"/> (for example one with a <see cref="ChannelRegistration.LocationRule"/>).</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="registration">The registration.</param>
    /// <returns>The builder.</returns>
    public static IConnectorsBuilder AddChannel(this IConnectorsBuilder builder, ChannelRegistration registration)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(registration);
        builder.Services.AddSingleton(registration);
        return builder;
    }
}
