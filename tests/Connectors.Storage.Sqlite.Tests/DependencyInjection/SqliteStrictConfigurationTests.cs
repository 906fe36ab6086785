using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Connectors.Storage.Sqlite.Tests.DependencyInjection;

/// <summary>Issue 19 item 1: a misspelt store setting is an error naming its path, not a silent default.</summary>
public sealed class SqliteStrictConfigurationTests
{
    [Fact]
    public void UseSqlite_MisspeltSettingInSection_FailsNamingThePath()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Connectors:Sqlite:ConnectionString"] = "Data Source=:memory:",
            ["Connectors:Sqlite:FulSync"] = "true",
        }).Build();
        var services = new ServiceCollection();
        services.AddConnectors().UseSqlite(configuration.GetSection("Connectors:Sqlite"));
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<ConnectorValidationException>(() => provider.GetRequiredService<IOptions<SqliteStoreOptions>>().Value);

        Assert.Equal("Connectors:Sqlite:FulSync", Assert.Single(error.Errors).FieldPath);
    }
}
