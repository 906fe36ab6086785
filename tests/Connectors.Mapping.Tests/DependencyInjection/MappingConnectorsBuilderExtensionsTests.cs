using Connectors.Mapping.Hooks;
using Connectors.Mapping.Internal;
using Connectors.Mapping.Profiles;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Connectors.Mapping.Tests.DependencyInjection;

public partial class MappingConnectorsBuilderExtensionsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static void Profile(MappingOptions options)
    {
        var profile = new ChannelMappingProfile();
        profile.Items.Add(new ItemMapping { ChannelItemId = "1", Sku = "A" });
        options.Channels["store-a"] = profile;
    }

    [Fact]
    public void AddMapping_AfterAddConnectors_ReplacesIdentityMapping()
    {
        var services = new ServiceCollection();
        services.AddConnectors().AddChannel("store-a", "fake", _ => new Testing.FakeChannel("store-a")).AddMapping(Profile);
        using var provider = services.BuildServiceProvider();

        Assert.IsType<ProfileItemResolver>(provider.GetRequiredService<IItemResolver>());
        Assert.IsType<ProfileOrderMapper>(provider.GetRequiredService<IOrderMapper>());
    }

    [Fact]
    public void AddMapping_BeforeAddConnectors_StillWins()
    {
        var services = new ServiceCollection();
        var builder = services.AddConnectors();
        builder.AddChannel("store-a", "fake", _ => new Testing.FakeChannel("store-a")).AddMapping(Profile);
        services.AddConnectors(o => o.MaxAttempts = 3);
        using var provider = services.BuildServiceProvider();

        Assert.Single(services, d => d.ServiceType == typeof(IItemResolver));
        Assert.IsType<ProfileItemResolver>(provider.GetRequiredService<IItemResolver>());
    }

    [Fact]
    public void AddMapping_Twice_RegistersOnce()
    {
        var services = new ServiceCollection();
        services.AddConnectors().AddChannel("store-a", "fake", _ => new Testing.FakeChannel("store-a")).AddMapping(Profile).AddMapping(o => o.IdentityForUnprofiledChannels = true);

        Assert.Single(services, d => d.ServiceType == typeof(IOrderMapper));
        Assert.Single(services, d => d.ServiceType == typeof(IValidateOptions<MappingOptions>));
        using var provider = services.BuildServiceProvider();
        var options = provider.GetRequiredService<IOptions<MappingOptions>>().Value;
        Assert.True(options.IdentityForUnprofiledChannels);
        Assert.True(options.Channels.ContainsKey("store-a"));
    }

    [Fact]
    public async Task AddMapping_InvalidProfileFromConfiguration_HostFailsAtStartNamingRuleAndPath()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Connectors:Mapping:Channels:store-a:Bundles:0:ChannelItemId"] = "b0",
            ["Connectors:Mapping:Channels:store-a:Bundles:0:Components:0:Sku"] = "A",
            ["Connectors:Mapping:Channels:store-a:Bundles:1:ChannelItemId"] = "b1",
            ["Connectors:Mapping:Channels:store-a:Bundles:1:Components:0:Sku"] = "A",
            ["Connectors:Mapping:Channels:store-a:Bundles:2:ChannelItemId"] = "b2",
            ["Connectors:Mapping:Channels:store-a:Bundles:2:Components:0:Sku"] = "A",
            ["Connectors:Mapping:Channels:store-a:Bundles:2:Components:0:QuantityPerUnit"] = "0",
        }).Build();
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddConnectors().AddChannel("store-a", "fake", _ => new Testing.FakeChannel("store-a")).AddMapping(configuration.GetSection("Connectors:Mapping"));
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(Ct));

        var failure = Assert.Single(error.Failures);
        Assert.StartsWith("Connectors:Mapping:Channels:store-a:Bundles[2].Components[0].QuantityPerUnit (rule 'Bundles')", failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddMapping_ValidProfile_HostStarts()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddConnectors().AddChannel("store-a", "fake", _ => new Testing.FakeChannel("store-a")).AddMapping(Profile);
        using var host = builder.Build();

        await host.StartAsync(Ct);
        await host.StopAsync(Ct);
    }

    [Fact]
    public async Task AddOrderMappingHook_Delegate_RunsThroughTheOrderMapper()
    {
        var services = new ServiceCollection();
        services.AddConnectors()
            .AddChannel("store-a", "fake", _ => new Testing.FakeChannel("store-a"))
            .AddMapping(Profile)
            .AddOrderMappingHook((context, _) =>
            {
                context.Attributes["Hooked"] = context.Order.OrderId;
                return ValueTask.CompletedTask;
            });
        using var provider = services.BuildServiceProvider();
        var order = Testing.ModelFactory.Order("store-a", "42", [("1", 1)]);

        var result = await provider.GetRequiredService<IOrderMapper>().MapOrderAsync(order, Ct);

        Assert.Equal("42", result.Order.Attributes["Hooked"]);
    }

    [Fact]
    public void AddOrderMappingHook_Typed_IsRegisteredOnce()
    {
        var services = new ServiceCollection();
        services.AddConnectors().AddChannel("store-a", "fake", _ => new Testing.FakeChannel("store-a")).AddMapping(Profile).AddOrderMappingHook<NoopHook>().AddOrderMappingHook<NoopHook>();

        Assert.Single(services, d => d.ServiceType == typeof(IOrderMappingHook));
    }

    private sealed class NoopHook : IOrderMappingHook
    {
        public ValueTask ApplyAsync(OrderMappingContext context, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;
    }
}
