using Connectors.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Connectors.Performance.Internal;

/// <summary>Registers seller performance; called once by <c>AddConnectors</c>.</summary>
internal static class PerformanceRegistration
{
    public static void AddSellerPerformance(IServiceCollection services)
    {
        services.AddOptions<SellerPerformanceOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SellerPerformanceOptions>, SellerPerformanceOptionsValidator>());
        services.TryAddSingleton<SellerPerformanceMetrics>();
        services.TryAddSingleton<SellerPerformanceService>();
        services.TryAddSingleton<ISellerPerformance>(sp => sp.GetRequiredService<SellerPerformanceService>());
    }
}
