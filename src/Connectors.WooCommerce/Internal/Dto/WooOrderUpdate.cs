namespace Connectors.WooCommerce.Internal.Dto;

internal sealed class WooOrderUpdate
{
    public string? Status { get; init; }
    public List<WooMetaWrite>? MetaData { get; init; }
}
