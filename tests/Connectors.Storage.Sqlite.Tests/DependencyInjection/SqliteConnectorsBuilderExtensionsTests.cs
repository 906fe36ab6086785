using Connectors.State;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Connectors.Storage.Sqlite.Tests.DependencyInjection;

public sealed class SqliteConnectorsBuilderExtensionsTests : IDisposable
{
    private readonly TestDirectory _directory = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task UseSqlite_AfterAddConnectors_ReplacesInMemoryStore()
    {
        var services = new ServiceCollection();
        services.AddConnectors().UseSqlite($"Data Source={_directory.NewDatabase()}");

        await using var provider = services.BuildServiceProvider();

        Assert.IsType<SqliteSyncStateStore>(provider.GetRequiredService<ISyncStateStore>());
        Assert.Single(services, d => d.ServiceType == typeof(ISyncStateStore));
    }

    [Fact]
    public async Task UseSqlite_ThenAddConnectorsAgain_KeepsSqlite()
    {
        var services = new ServiceCollection();
        services.AddConnectors().UseSqlite($"Data Source={_directory.NewDatabase()}");
        services.AddConnectors();

        await using var provider = services.BuildServiceProvider();

        Assert.IsType<SqliteSyncStateStore>(provider.GetRequiredService<ISyncStateStore>());
        Assert.Single(services, d => d.ServiceType == typeof(ISyncStateStore));
    }

    [Fact]
    public async Task UseSqlite_CalledTwice_RegistersOnceAndLastSettingWins()
    {
        var first = _directory.NewDatabase("first");
        var second = _directory.NewDatabase("second");
        var services = new ServiceCollection();
        services.AddConnectors().UseSqlite($"Data Source={first}").UseSqlite(o =>
        {
            o.ConnectionString = $"Data Source={second}";
            o.FullSync = true;
        });

        await using var provider = services.BuildServiceProvider();

        Assert.Single(services, d => d.ServiceType == typeof(ISyncStateStore));
        Assert.Single(services, d => d.ServiceType == typeof(SqliteSyncStateStore));
        Assert.Single(services, d => d.ServiceType == typeof(IValidateOptions<SqliteStoreOptions>));
        Assert.Single(provider.GetServices<IHostedService>(), s => s.GetType().Name == "SqliteStoreInitializer");
        var store = Assert.IsType<SqliteSyncStateStore>(provider.GetRequiredService<ISyncStateStore>());
        Assert.Equal(second, store.DataSource);
        Assert.Same(store, provider.GetRequiredService<SqliteSyncStateStore>());
    }

    [Fact]
    public async Task UseSqlite_HostStart_CreatesDatabaseBeforeFirstCall()
    {
        var file = _directory.NewDatabase();
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddConnectors().UseSqlite($"Data Source={file}");
        using var host = builder.Build();

        await host.StartAsync(Ct);
        try
        {
            Assert.True(File.Exists(file));
            var store = host.Services.GetRequiredService<ISyncStateStore>();
            Assert.True(await store.EnqueueAsync(WorkQueue.Inbox, new WorkItem
            {
                Id = "o1",
                Channel = "a",
                Kind = "order",
                Payload = "{}",
                EnqueuedAt = DateTimeOffset.UnixEpoch,
            }, Ct));
        }
        finally
        {
            await host.StopAsync(Ct);
        }
    }

    [Fact]
    public async Task UseSqlite_MissingConnectionString_FailsHostStartNamingSetting()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddConnectors().UseSqlite(string.Empty);
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(Ct));

        Assert.Contains("Connectors:Sqlite:ConnectionString is required", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UseSqlite_MissingDirectory_FailsHostStartNamingDirectory()
    {
        var missing = Path.Combine(_directory.Path, "nope");
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddConnectors().UseSqlite(o => o.ConnectionString = $"Data Source={Path.Combine(missing, "x.db")}");
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(Ct));

        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UseSqlite_DatabaseFromNewerVersion_FailsHostStart()
    {
        var file = _directory.NewDatabase();
        using (var connection = new SqliteConnection($"Data Source={file};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"CREATE TABLE schema_version (version INTEGER NOT NULL PRIMARY KEY, applied_at INTEGER NOT NULL); INSERT INTO schema_version VALUES ({SqliteSyncStateStore.SchemaVersion + 5}, 0);";
            command.ExecuteNonQuery();
        }

        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddConnectors().UseSqlite($"Data Source={file}");
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<SqliteSchemaVersionException>(() => host.StartAsync(Ct));

        Assert.Equal(SqliteSyncStateStore.SchemaVersion + 5, error.DatabaseVersion);
    }

    [Fact]
    public async Task UseSqlite_ConfigurationSection_BindsOptions()
    {
        var file = _directory.NewDatabase();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Connectors:Sqlite:ConnectionString"] = $"Data Source={file}",
                ["Connectors:Sqlite:FullSync"] = "true",
                ["Connectors:Sqlite:BusyTimeout"] = "00:00:05",
                ["Connectors:Sqlite:InventoryJournalLimit"] = "4096",
            })
            .Build();
        var services = new ServiceCollection();
        services.AddConnectors().UseSqlite(configuration.GetSection("Connectors:Sqlite"));

        await using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<SqliteStoreOptions>>().Value;
        Assert.True(options.FullSync);
        Assert.Equal(TimeSpan.FromSeconds(5), options.BusyTimeout);
        Assert.Equal(4096, options.InventoryJournalLimit);
        Assert.Equal(file, Assert.IsType<SqliteSyncStateStore>(provider.GetRequiredService<ISyncStateStore>()).DataSource);
    }

    [Fact]
    public void AddConnectors_WithoutUseSqlite_KeepsInMemoryStore()
    {
        var services = new ServiceCollection();
        services.AddConnectors();

        using var provider = services.BuildServiceProvider();

        Assert.IsType<InMemorySyncStateStore>(provider.GetRequiredService<ISyncStateStore>());
    }
}
