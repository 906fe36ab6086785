using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Connectors.Tests.Listings;

/// <summary>Listing health settings bound from configuration, strictly.</summary>
public sealed partial class ListingHealthTests
{
    [Fact]
    public void ConfigureListingHealth_FromSection_BindsEveryOptInAndRejectsUnknownKeys()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Listings:ActionBatchSize"] = "20",
            ["Listings:Channels:SHOP:ZeroDiscontinued"] = "true",
            ["Listings:Channels:SHOP:ReactivateWhenStocked"] = "true",
        }).Build();
        var services = new ServiceCollection();
        services.AddConnectors().AddChannel(Channel, "fake", _ => _channel).ConfigureListingHealth(configuration.GetSection("Listings"));
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<ListingHealthOptions>>().Value;

        Assert.Equal(20, options.ActionBatchSize);
        var shop = options.Channels[Channel];
        Assert.Equal((true, false, true), (shop.ZeroDiscontinued, shop.DeactivateDiscontinued, shop.ReactivateWhenStocked));

        var typo = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Listings:Channels:shop:ZeroDiscontinuted"] = "true" }).Build();
        var bad = new ServiceCollection();
        bad.AddConnectors().AddChannel(Channel, "fake", _ => _channel).ConfigureListingHealth(typo.GetSection("Listings"));
        using var badProvider = bad.BuildServiceProvider();
        var error = Assert.ThrowsAny<Exception>(() => badProvider.GetRequiredService<IOptions<ListingHealthOptions>>().Value);
        Assert.Contains("ZeroDiscontinuted", error.Message, StringComparison.Ordinal);
    }
}
