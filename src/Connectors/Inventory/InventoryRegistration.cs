using Connectors.Internal;
using Connectors.Inventory.Internal;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Connectors.Inventory;

/// <summary>Registers the inventory flow's services; called once by <c>AddConnectors</c>.</summary>
internal static class InventoryRegistration
{
    public static void AddInventoryEngine(IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<InventoryEngine>();
        services.TryAddSingleton<IInventorySync>(static sp => sp.GetRequiredService<InventoryEngine>());
        services.TryAddSingleton<IStockLevelSink>(static sp => sp.GetRequiredService<InventoryEngine>());
        services.TryAddSingleton<IOversellWindow>(static sp => sp.GetRequiredService<InventoryEngine>());
        services.TryAddSingleton<IListingZeroSink>(static sp => sp.GetRequiredService<InventoryEngine>());
        services.TryAddSingleton<IConnectorEvents, ConnectorEvents>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ConnectorsOptions>, InventorySyncOptionsValidator>());
    }
}
