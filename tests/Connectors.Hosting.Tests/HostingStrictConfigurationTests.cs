using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Connectors.Hosting.Tests;

/// <summary>Issue 19 item 1: a misspelt hosting setting fails at start naming its path, not a silent default.</summary>
public sealed class HostingStrictConfigurationTests
{
    [Fact]
    public async Task AddHosting_MisspeltSettingInSection_HostFailsAtStartNamingThePath()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Connectors:Hosting:PollOrder"] = "false",
        }).Build();
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddConnectors().AddHosting(configuration.GetSection("Connectors:Hosting"));
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<ConnectorValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Equal("Connectors:Hosting:PollOrder", Assert.Single(error.Errors).FieldPath);
    }
}
