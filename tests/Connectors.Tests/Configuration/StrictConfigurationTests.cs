using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Connectors.Tests.Configuration;

/// <summary>Issue 19 item 1: engine and hosting settings that are misspelt or misplaced fail at start naming the path.</summary>
public class StrictConfigurationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static IConfiguration Settings(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value))).Build();

    [Fact]
    public async Task AddConnectors_MisspeltNestedSetting_HostFailsAtStartNamingThePath()
    {
        var configuration = Settings(("Connectors:MaxAttempts", "4"), ("Connectors:Inventory:MaxBatchesInFlite", "3"));
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddConnectors(configuration.GetSection("Connectors"));
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<ConnectorValidationException>(() => host.StartAsync(Ct));

        var failure = Assert.Single(error.Errors);
        Assert.Equal("Connectors:Inventory:MaxBatchesInFlite", failure.FieldPath);
        Assert.Contains("InventorySyncOptions", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddConnectors_SeveralMisspeltSettings_NamesEach()
    {
        var configuration = Settings(("Connectors:MaxAttempt", "4"), ("Connectors:Retension", "1.00:00:00"));
        var services = new ServiceCollection();
        services.AddConnectors(configuration.GetSection("Connectors"));
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<ConnectorValidationException>(() => provider.GetRequiredService<IOptions<ConnectorsOptions>>().Value);

        Assert.Equal(["Connectors:MaxAttempt", "Connectors:Retension"], error.Errors.Select(e => e.FieldPath).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void AddConnectors_ValueThatCannotBeRead_NamesThePath()
    {
        var configuration = Settings(("Connectors:MaxAttempts", "ten"));
        var services = new ServiceCollection();
        services.AddConnectors(configuration.GetSection("Connectors"));
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<ConnectorValidationException>(() => provider.GetRequiredService<IOptions<ConnectorsOptions>>().Value);

        Assert.Equal("Connectors:MaxAttempts", Assert.Single(error.Errors).FieldPath);
    }

    [Fact]
    public void AddConnectors_RootConfiguration_NamesTheKeyWithoutAPrefix()
    {
        var configuration = Settings(("MaxAttempt", "4"));
        var services = new ServiceCollection();
        services.AddConnectors(configuration);
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<ConnectorValidationException>(() => provider.GetRequiredService<IOptions<ConnectorsOptions>>().Value);

        Assert.Equal("MaxAttempt", Assert.Single(error.Errors).FieldPath);
    }
}
