using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Connectors.Mapping.Tests.DependencyInjection;

/// <summary>Issue 19 item 1: a misspelt or misplaced mapping setting, or a profile for no channel, stops the host at start.</summary>
public partial class MappingConnectorsBuilderExtensionsTests
{
    private static IHost MappingHost(string json, params string[] channels)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddJsonStream(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json)));
        var connectors = builder.Services.AddConnectors();
        foreach (var channel in channels)
        {
            connectors.AddChannel(channel, "fake", _ => new Testing.FakeChannel(channel));
        }

        connectors.AddMapping(builder.Configuration.GetSection("Mapping"));
        return builder.Build();
    }

    [Fact]
    public async Task AddMapping_MisspeltItemSetting_HostFailsAtStartNamingThePath()
    {
        // The reproduction: QuantityPerUnt kept QuantityPerUnit at 1, so a case of 6 became one unit.
        using var host = MappingHost("""{"Mapping":{"Channels":{"shop-b":{"Items":[{"ChannelItemId":"1","Sku":"A","QuantityPerUnt":6}]}}}}""", "shop-b");

        var error = await Assert.ThrowsAsync<ConnectorValidationException>(() => host.StartAsync(Ct));

        var failure = Assert.Single(error.Errors);
        Assert.Equal("Mapping:Channels:shop-b:Items:0:QuantityPerUnt", failure.FieldPath);
        Assert.Contains("ItemMapping", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddMapping_MisspeltProfileSection_HostFailsAtStartNamingThePath()
    {
        using var host = MappingHost("""{"Mapping":{"Channels":{"shop-b":{"Itemz":[{"ChannelItemId":"1","Sku":"A"}]}}}}""", "shop-b");

        var error = await Assert.ThrowsAsync<ConnectorValidationException>(() => host.StartAsync(Ct));

        Assert.Equal("Mapping:Channels:shop-b:Itemz", Assert.Single(error.Errors).FieldPath);
    }

    [Fact]
    public async Task AddMapping_MisspeltTopLevelSetting_HostFailsAtStartNamingThePath()
    {
        using var host = MappingHost("""{"Mapping":{"IdentityForUnprofiledChannel":true}}""");

        var error = await Assert.ThrowsAsync<ConnectorValidationException>(() => host.StartAsync(Ct));

        Assert.Equal("Mapping:IdentityForUnprofiledChannel", Assert.Single(error.Errors).FieldPath);
    }

    [Fact]
    public async Task AddMapping_UnreadableValue_HostFailsAtStartNamingThePath()
    {
        using var host = MappingHost("""{"Mapping":{"Channels":{"shop-b":{"Items":[{"ChannelItemId":"1","Sku":"A","QuantityPerUnit":"six"}]}}}}""", "shop-b");

        var error = await Assert.ThrowsAsync<ConnectorValidationException>(() => host.StartAsync(Ct));

        Assert.Equal("Mapping:Channels:shop-b:Items:0:QuantityPerUnit", Assert.Single(error.Errors).FieldPath);
    }

    [Fact]
    public async Task AddMapping_ProfileForUnregisteredChannel_HostFailsAtStartNamingTheProfileAndTheChannels()
    {
        using var host = MappingHost("""{"Mapping":{"Channels":{"shop-c":{"Items":[{"ChannelItemId":"1","Sku":"A"}]}}}}""", "shop-b");

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(Ct));

        var failure = Assert.Single(error.Failures);
        Assert.StartsWith("Mapping:Channels:shop-c ", failure, StringComparison.Ordinal);
        Assert.Contains("shop-b", failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddMapping_WellSpeltProfile_HostStartsAndBindsTheCase()
    {
        using var host = MappingHost("""{"Mapping":{"Channels":{"shop-b":{"Items":[{"ChannelItemId":"1","Sku":"A","QuantityPerUnit":6}]}}}}""", "shop-b");

        await host.StartAsync(Ct);

        var options = host.Services.GetRequiredService<IOptions<MappingOptions>>().Value;
        Assert.Equal(6m, Assert.Single(options.Channels["shop-b"].Items).QuantityPerUnit);
        await host.StopAsync(Ct);
    }
}
