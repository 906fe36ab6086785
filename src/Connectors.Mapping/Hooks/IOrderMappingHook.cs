namespace Connectors.Mapping.Hooks;

/// <summary>
/// Code for what no declarative rule covers: runs after every rule of the profile, on every order of every channel
/// (check <see cref="OrderMappingContext.Order"/>'s channel), and may change the custom fields, instructions,
/// priority, carrier, address and release decision. Throw <see cref="MappingException"/> to refuse the order;
/// any other exception is wrapped in one naming the hook.
/// </summary>
public interface IOrderMappingHook
{
    /// <summary>Adjusts the mapped order.</summary>
    /// <param name="context">The order being mapped and what the rules made of it.</param>
    /// <param name="cancellationToken">Cancels the hook.</param>
    /// <returns>A task that completes when the hook is done.</returns>
    ValueTask ApplyAsync(OrderMappingContext context, CancellationToken cancellationToken = default);
}
