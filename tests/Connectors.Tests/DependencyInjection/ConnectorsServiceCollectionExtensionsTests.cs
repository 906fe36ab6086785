using Connectors.State;
using Connectors.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Connectors.Tests.DependencyInjection;

public class ConnectorsServiceCollectionExtensionsTests
{
    [Fact]
    public void AddConnectors_NamedChannels_ResolveByNameAndPort()
    {
        var services = new ServiceCollection();
        services.AddConnectors()
            .AddChannel("store-a", "fake", _ => new FakeChannel("store-a"))
            .AddChannel("store-b", "fake", _ => new FakeChannel("store-b"));
        using var provider = services.BuildServiceProvider();

        var registry = provider.GetRequiredService<IChannelRegistry>();

        Assert.Equal(["store-a", "store-b"], registry.Names);
        Assert.Equal("store-b", registry.GetChannel("store-b").Name);
        Assert.Same(registry.GetChannel("store-a"), registry.GetChannel("STORE-A"));
        Assert.True(registry.TryGetPort<IInventoryChannel>("store-a", out var inventory));
        Assert.Equal("store-a", inventory.Name);
        Assert.False(registry.TryGetPort<IWebhookHandler>("store-a", out _));
        Assert.False(registry.TryGetPort<IInventoryChannel>("missing", out _));
    }

    [Fact]
    public void GetChannel_UnknownName_ListsRegisteredNames()
    {
        var services = new ServiceCollection();
        services.AddConnectors().AddChannel("store-a", "fake", _ => new FakeChannel("store-a"));
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<ConnectorException>(() => provider.GetRequiredService<IChannelRegistry>().GetChannel("store-z"));

        Assert.Contains("store-z", error.Message, StringComparison.Ordinal);
        Assert.Contains("store-a", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddConnectors_CalledTwice_RegistersInfrastructureOnce()
    {
        var services = new ServiceCollection();
        services.AddConnectors();
        var count = services.Count;

        services.AddConnectors(o => o.MaxAttempts = 3);

        Assert.Equal(count + 1, services.Count); // only the second Configure callback is added
        Assert.Single(services, d => d.ServiceType == typeof(ISyncStateStore));
        using var provider = services.BuildServiceProvider();
        Assert.Equal(3, provider.GetRequiredService<IOptions<ConnectorsOptions>>().Value.MaxAttempts);
    }

    [Fact]
    public void AddConnectors_Defaults_UseInMemoryStoreAndIdentityMapping()
    {
        var services = new ServiceCollection();
        services.AddConnectors();
        using var provider = services.BuildServiceProvider();

        Assert.IsType<InMemorySyncStateStore>(provider.GetRequiredService<ISyncStateStore>());
        Assert.NotNull(provider.GetRequiredService<IItemResolver>());
        Assert.NotNull(provider.GetRequiredService<IOrderMapper>());
        Assert.NotNull(provider.GetRequiredService<IAvailabilityCalculator>());
    }

    [Fact]
    public void AddConnectors_StoreRegisteredBefore_IsKept()
    {
        var services = new ServiceCollection();
        var store = new InMemorySyncStateStore();
        services.AddSingleton<ISyncStateStore>(store);

        services.AddConnectors();
        using var provider = services.BuildServiceProvider();

        Assert.Same(store, provider.GetRequiredService<ISyncStateStore>());
    }

    [Fact]
    public async Task HostStart_InvalidOptions_FailsNamingSettingAndValue()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddConnectors(o =>
        {
            o.MaxAttempts = 0;
            o.RetryBaseDelay = TimeSpan.FromMinutes(10);
            o.RetryMaxDelay = TimeSpan.FromMinutes(1);
        });
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains(error.Failures, f => f.Contains("MaxAttempts", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("RetryMaxDelay", StringComparison.Ordinal) && f.Contains("00:01:00", StringComparison.Ordinal));
    }

    [Fact]
    public async Task HostStart_DuplicateChannelNames_FailsNamingTheName()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddConnectors()
            .AddChannel("store-a", "shopify", _ => new FakeChannel("store-a"))
            .AddChannel("Store-A", "woocommerce", _ => new FakeChannel("Store-A"));
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains(error.Failures, f => f.Contains("'store-a'", StringComparison.OrdinalIgnoreCase) && f.Contains("2 times", StringComparison.Ordinal));
    }

    [Fact]
    public async Task HostStart_ValidOptions_Starts()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddConnectors().AddChannel("store-a", "fake", _ => new FakeChannel("store-a"));
        using var host = builder.Build();

        await host.StartAsync(TestContext.Current.CancellationToken);
        await host.StopAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public void AddConnectors_FromConfiguration_BindsOptions()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Connectors:MaxAttempts"] = "4",
                ["Connectors:LeaseDuration"] = "00:00:30",
                ["Connectors:Inventory:MaxBatchesInFlight"] = "3",
            })
            .Build();
        var services = new ServiceCollection();
        services.AddConnectors(configuration.GetSection("Connectors"));
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<ConnectorsOptions>>().Value;

        Assert.Equal(4, options.MaxAttempts);
        Assert.Equal(TimeSpan.FromSeconds(30), options.LeaseDuration);
        Assert.Equal(3, options.Inventory.MaxBatchesInFlight);
    }

    [Fact]
    public void GetChannel_FactoryNameMismatch_Throws()
    {
        var services = new ServiceCollection();
        services.AddConnectors().AddChannel("store-a", "fake", _ => new FakeChannel("store-b"));
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<ConnectorException>(() => provider.GetRequiredService<IChannelRegistry>().GetChannel("store-a"));

        Assert.Contains("store-b", error.Message, StringComparison.Ordinal);
    }
}
