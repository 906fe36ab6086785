using Connectors;
using Connectors.Storage.PostgreSql;
using Connectors.Storage.PostgreSql.Internal;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the PostgreSQL state store.</summary>
public static class PostgreSqlConnectorsBuilderExtensions
{
    /// <summary>
    /// Uses PostgreSQL as the state store, shared by every host instance pointed at the same database and schema.
    /// Replaces the default in-memory store whatever the call order.
    /// </summary>
    /// <param name="builder">The connectors builder.</param>
    /// <param name="connectionString">The Npgsql connection string.</param>
    /// <returns>The builder.</returns>
    public static IConnectorsBuilder UsePostgreSql(this IConnectorsBuilder builder, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.UsePostgreSql(o => o.ConnectionString = connectionString);
    }

    /// <summary>Uses PostgreSQL as the state store, configured in code.</summary>
    /// <param name="builder">The connectors builder.</param>
    /// <param name="configure">Sets <see cref="PostgreSqlStoreOptions"/>.</param>
    /// <returns>The builder.</returns>
    public static IConnectorsBuilder UsePostgreSql(this IConnectorsBuilder builder, Action<PostgreSqlStoreOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var services = builder.Services;
        services.AddOptions<PostgreSqlStoreOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PostgreSqlStoreOptions>, PostgreSqlStoreOptionsDataAnnotationsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PostgreSqlStoreOptions>, PostgreSqlStoreOptionsValidator>());
        services.TryAddSingleton(sp => new PostgreSqlSyncStateStore(sp.GetRequiredService<IOptions<PostgreSqlStoreOptions>>().Value));
        services.RemoveAll<ISyncStateStore>();
        services.AddSingleton<ISyncStateStore>(sp => sp.GetRequiredService<PostgreSqlSyncStateStore>());
        return builder;
    }
}
