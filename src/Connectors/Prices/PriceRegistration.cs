using Connectors.Internal;
using Connectors.Prices.Internal;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Connectors.Prices;

/// <summary>Registers the price flow's services; called once by <c>AddConnectors</c>.</summary>
internal static class PriceRegistration
{
    public static void AddPriceEngine(IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<IPriceCalculator, DefaultPriceCalculator>();
        services.TryAddSingleton<PriceEngine>();
        services.TryAddSingleton<IPriceSync>(static sp => sp.GetRequiredService<PriceEngine>());
        services.TryAddSingleton<IPriceHolds>(static sp => sp.GetRequiredService<PriceEngine>());
        services.TryAddSingleton<IPriceSink>(static sp => sp.GetRequiredService<PriceEngine>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ConnectorsOptions>, PriceSyncOptionsValidator>());
    }
}
