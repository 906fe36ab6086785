using Connectors.DeadLetters.Internal;
using Connectors.Fulfillment.Internal;
using Connectors.Internal;
using Connectors.Orders.Internal;
using Connectors.Reconciliation.Internal;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Connectors.Orders;

/// <summary>Registers the order, fulfilment, returns and reconciliation services; called once by <c>AddConnectors</c>.</summary>
internal static class OrderFlowRegistration
{
    public static void AddOrderFlows(IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ConnectorsOptions>, OrderFlowOptionsValidator>());
        services.TryAddSingleton<WorkFailures>();
        services.TryAddSingleton<ChannelOrderLookup>();
        services.TryAddSingleton<OrderSync>();
        services.TryAddSingleton<IOrderSync>(sp => sp.GetRequiredService<OrderSync>());
        services.TryAddSingleton<FulfillmentSync>();
        services.TryAddSingleton<IFulfillmentSync>(sp => sp.GetRequiredService<FulfillmentSync>());
        services.TryAddSingleton<IOutboundEventSink>(sp => sp.GetRequiredService<FulfillmentSync>());
        services.TryAddSingleton<IDeadLetters, DeadLetterService>();
        services.TryAddSingleton<IReconciler, Reconciler>();
    }
}
