using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Inventory;

/// <summary>Registers the inventory flow's services; called once by <c>AddConnectors</c>.</summary>
internal static class InventoryRegistration
{
    public static void AddInventoryEngine(IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
    }
}
