using System.Diagnostics.CodeAnalysis;
using Connectors;
using Connectors.Mapping;
using Connectors.Mapping.Catalog;
using Connectors.Mapping.Hooks;
using Connectors.Mapping.Internal;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>The front door of the mapping engine: <c>services.AddConnectors().AddMapping(...)</c>.</summary>
public static class MappingConnectorsBuilderExtensions
{
    private const string DefaultRoot = "Mapping";

    /// <summary>
    /// Replaces the engine's identity mapping with profile-driven mapping (<see cref="IItemResolver"/>,
    /// <see cref="IOrderMapper"/>) whatever the order of the calls, and
    /// registers <see cref="IItemCatalogLoader"/>. Profiles are validated when the host starts. Calling it again adds
    /// the further configuration and nothing twice.
    /// </summary>
    /// <param name="builder">The connectors builder.</param>
    /// <param name="configure">Writes the profiles in code.</param>
    /// <returns>The builder.</returns>
    public static IConnectorsBuilder AddMapping(this IConnectorsBuilder builder, Action<MappingOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        AddCore(builder.Services, root: null);
        builder.Services.Configure(configure);
        return builder;
    }

    /// <summary>
    /// Adds profile-driven mapping (see <see cref="AddMapping(IConnectorsBuilder, Action{MappingOptions})"/>) with
    /// profiles bound from a configuration section (for example <c>Mapping</c>); validation errors name paths under it. Binding
    /// is strict: a key that is not a setting (a misspelt <c>QuantityPerUnt</c>, <c>Itemz</c>) or a value that cannot be read
    /// fails at start with a <see cref="ConnectorValidationException"/> naming its configuration path.
    /// </summary>
    /// <param name="builder">The connectors builder.</param>
    /// <param name="section">The section holding <see cref="MappingOptions"/>.</param>
    /// <returns>The builder.</returns>
    public static IConnectorsBuilder AddMapping(this IConnectorsBuilder builder, IConfigurationSection section)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(section);
        AddCore(builder.Services, section.Path);
        // Strict: a misspelt key (QuantityPerUnt, Itemz) fails at start naming its path instead of keeping the default.
        builder.Services.AddOptions<MappingOptions>()
            .Configure(o => StrictConfiguration.Bind(section, s => s.Bind(o, b => b.ErrorOnUnknownConfiguration = true)));
        builder.Services.AddSingleton<IOptionsChangeTokenSource<MappingOptions>>(new ConfigurationChangeTokenSource<MappingOptions>(section));
        return builder;
    }

    /// <summary>Registers a code hook that runs after the profile's rules on every mapped order.</summary>
    /// <typeparam name="THook">The hook; a singleton.</typeparam>
    /// <param name="builder">The connectors builder.</param>
    /// <returns>The builder.</returns>
    public static IConnectorsBuilder AddOrderMappingHook<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] THook>(this IConnectorsBuilder builder)
        where THook : class, IOrderMappingHook
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IOrderMappingHook, THook>());
        return builder;
    }

    /// <summary>Registers a delegate as a code hook that runs after the profile's rules on every mapped order.</summary>
    /// <param name="builder">The connectors builder.</param>
    /// <param name="hook">Adjusts the mapped order.</param>
    /// <returns>The builder.</returns>
    public static IConnectorsBuilder AddOrderMappingHook(this IConnectorsBuilder builder, Func<OrderMappingContext, CancellationToken, ValueTask> hook)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(hook);
        builder.Services.AddSingleton<IOrderMappingHook>(new DelegateOrderMappingHook(hook));
        return builder;
    }

    private static void AddCore(IServiceCollection services, string? root)
    {
        // The configuration root only names paths in errors; a section-bound call wins over a code-only one.
        var existing = services.FirstOrDefault(d => d.ServiceType == typeof(MappingConfigurationRoot))?.ImplementationInstance as MappingConfigurationRoot;
        if (existing is null || root is not null)
        {
            services.RemoveAll<MappingConfigurationRoot>();
            services.AddSingleton(new MappingConfigurationRoot(root ?? DefaultRoot));
        }

        services.AddOptions<MappingOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MappingOptions>, MappingOptionsValidator>());
        services.TryAddSingleton<MappingProfileStore>();
        services.TryAddSingleton<IItemCatalogLoader, ItemCatalogLoader>();

        // AddConnectors registers identity mapping with TryAdd: replacing here wins whichever is called first. The
        // engine's availability calculator already floors packs, weights and bundles from the definitions the profile
        // resolver returns, so it stays.
        services.Replace(ServiceDescriptor.Singleton<IItemResolver, ProfileItemResolver>());
        services.Replace(ServiceDescriptor.Singleton<IOrderMapper, ProfileOrderMapper>());

        // Channels without pricing rules price as the engine's default does (components summed per published currency).
        services.Replace(ServiceDescriptor.Singleton<IPriceCalculator, ProfilePriceCalculator>());
    }
}
