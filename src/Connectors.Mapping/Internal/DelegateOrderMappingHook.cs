using Connectors.Mapping.Hooks;

namespace Connectors.Mapping.Internal;

/// <summary>An <see cref="IOrderMappingHook"/> from a delegate.</summary>
internal sealed class DelegateOrderMappingHook(Func<OrderMappingContext, CancellationToken, ValueTask> hook) : IOrderMappingHook
{
    public ValueTask ApplyAsync(OrderMappingContext context, CancellationToken cancellationToken = default) => hook(context, cancellationToken);
}
