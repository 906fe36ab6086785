using Connectors;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Settings of seller performance (<see cref="ISellerPerformance"/>), which <c>AddConnectors</c> registers.</summary>
public static class SellerPerformanceConnectorsBuilderExtensions
{
    /// <summary>Adjusts <see cref="SellerPerformanceOptions"/> (at-risk lead, retention, thresholds per channel).</summary>
    /// <param name="builder">The connectors builder.</param>
    /// <param name="configure">Adjusts the options.</param>
    /// <returns>The builder.</returns>
    public static IConnectorsBuilder ConfigureSellerPerformance(this IConnectorsBuilder builder, Action<SellerPerformanceOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.Configure(configure);
        return builder;
    }

    /// <summary>Binds <see cref="SellerPerformanceOptions"/> from a configuration section, strictly: an unknown key fails at start naming its path.</summary>
    /// <param name="builder">The connectors builder.</param>
    /// <param name="section">The section (for example <c>Connectors:SellerPerformance</c>).</param>
    /// <returns>The builder.</returns>
    public static IConnectorsBuilder ConfigureSellerPerformance(this IConnectorsBuilder builder, IConfigurationSection section)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(section);
        builder.Services.AddOptions<SellerPerformanceOptions>()
            .Configure(o => StrictConfiguration.Bind(section, s => s.Bind(o, b => b.ErrorOnUnknownConfiguration = true)));
        builder.Services.AddSingleton<IOptionsChangeTokenSource<SellerPerformanceOptions>>(new ConfigurationChangeTokenSource<SellerPerformanceOptions>(section));
        return builder;
    }
}
