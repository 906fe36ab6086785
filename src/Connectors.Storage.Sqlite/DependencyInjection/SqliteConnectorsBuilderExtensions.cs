using Connectors;
using Connectors.Storage.Sqlite;
using Connectors.Storage.Sqlite.Internal;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the SQLite state store: <c>services.AddConnectors().UseSqlite("Data Source=connectors.db")</c>.</summary>
public static class SqliteConnectorsBuilderExtensions
{
    /// <summary>
    /// Replaces the engine's state store with <see cref="SqliteSyncStateStore"/> on the given file. The options are
    /// validated when the host starts (connection string present, a file, its directory writable) and the database is
    /// opened and migrated then. Calling it again registers nothing twice; the last connection string wins.
    /// </summary>
    /// <param name="builder">The Connectors builder.</param>
    /// <param name="connectionString">A Microsoft.Data.Sqlite connection string, for example <c>Data Source=connectors.db</c>.</param>
    /// <returns>The builder.</returns>
    public static IConnectorsBuilder UseSqlite(this IConnectorsBuilder builder, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(connectionString);
        return builder.UseSqlite(o => o.ConnectionString = connectionString);
    }

    /// <summary>
    /// Replaces the engine's state store with <see cref="SqliteSyncStateStore"/>, binding <see cref="SqliteStoreOptions"/>
    /// from a configuration section (for example <c>Connectors:Sqlite</c> holding <c>ConnectionString</c>, <c>FullSync</c>,
    /// <c>BusyTimeout</c>); see <see cref="UseSqlite(IConnectorsBuilder, string)"/>.
    /// </summary>
    /// <param name="builder">The Connectors builder.</param>
    /// <param name="configuration">The section holding <see cref="SqliteStoreOptions"/>.</param>
    /// <returns>The builder.</returns>
    public static IConnectorsBuilder UseSqlite(this IConnectorsBuilder builder, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configuration);
        builder.Services.AddOptions<SqliteStoreOptions>()
            .Configure(o => StrictConfiguration.Bind(configuration, c => c.Bind(o, b => b.ErrorOnUnknownConfiguration = true)));
        builder.Services.AddSingleton<IOptionsChangeTokenSource<SqliteStoreOptions>>(new ConfigurationChangeTokenSource<SqliteStoreOptions>(configuration));
        return builder.UseSqlite(static _ => { });
    }

    /// <summary>Replaces the engine's state store with <see cref="SqliteSyncStateStore"/> configured by <paramref name="configure"/> (see <see cref="UseSqlite(IConnectorsBuilder, string)"/>).</summary>
    /// <param name="builder">The Connectors builder.</param>
    /// <param name="configure">Sets <see cref="SqliteStoreOptions"/>.</param>
    /// <returns>The builder.</returns>
    public static IConnectorsBuilder UseSqlite(this IConnectorsBuilder builder, Action<SqliteStoreOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var services = builder.Services;
        services.AddOptions<SqliteStoreOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SqliteStoreOptions>, SqliteStoreOptionsValidator>());
        services.TryAddSingleton(static sp => new SqliteSyncStateStore(
            sp.GetRequiredService<IOptions<SqliteStoreOptions>>().Value,
            sp.GetService<ILogger<SqliteSyncStateStore>>(),
            sp.GetService<TimeProvider>()));

        // AddConnectors registers the in-memory store with TryAdd; replace whatever is there, so the order of calls
        // does not matter and a second UseSqlite leaves one registration.
        services.RemoveAll<ISyncStateStore>();
        services.AddSingleton<ISyncStateStore>(static sp => sp.GetRequiredService<SqliteSyncStateStore>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, SqliteStoreInitializer>());
        return builder;
    }
}
