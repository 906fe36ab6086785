using Connectors;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Settings of listing health (<see cref="IListingHealth"/>), which <c>AddConnectors</c> registers.</summary>
public static class ListingHealthConnectorsBuilderExtensions
{
    /// <summary>Adjusts <see cref="ListingHealthOptions"/> (the listing actions each channel opts into).</summary>
    /// <param name="builder">The connectors builder.</param>
    /// <param name="configure">Adjusts the options.</param>
    /// <returns>The builder.</returns>
    public static IConnectorsBuilder ConfigureListingHealth(this IConnectorsBuilder builder, Action<ListingHealthOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.Configure(configure);
        return builder;
    }

    /// <summary>Binds <see cref="ListingHealthOptions"/> from a configuration section, strictly: an unknown key fails at start naming its path.</summary>
    /// <param name="builder">The connectors builder.</param>
    /// <param name="section">The section (for example <c>Connectors:Listings</c>).</param>
    /// <returns>The builder.</returns>
    public static IConnectorsBuilder ConfigureListingHealth(this IConnectorsBuilder builder, IConfigurationSection section)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(section);
        builder.Services.AddOptions<ListingHealthOptions>()
            .Configure(o => StrictConfiguration.Bind(section, s => s.Bind(o, b => b.ErrorOnUnknownConfiguration = true)));
        builder.Services.AddSingleton<IOptionsChangeTokenSource<ListingHealthOptions>>(new ConfigurationChangeTokenSource<ListingHealthOptions>(section));
        return builder;
    }
}
