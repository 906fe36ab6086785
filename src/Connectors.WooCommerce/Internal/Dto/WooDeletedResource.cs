namespace Connectors.WooCommerce.Internal.Dto;

/// <summary>The body of an <c>order.deleted</c> webhook: only the id.</summary>
internal sealed class WooDeletedResource
{
    public long Id { get; init; }
}
