using Connectors.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Connectors.Listings.Internal;

/// <summary>Registers listing health; called once by <c>AddConnectors</c>.</summary>
internal static class ListingRegistration
{
    public static void AddListingHealth(IServiceCollection services)
    {
        services.AddOptions<ListingHealthOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ListingHealthOptions>, ListingHealthOptionsValidator>());
        services.TryAddSingleton<ListingMetrics>();
        services.TryAddSingleton<ListingHealthService>();
        services.TryAddSingleton<IListingHealth>(sp => sp.GetRequiredService<ListingHealthService>());
    }
}
