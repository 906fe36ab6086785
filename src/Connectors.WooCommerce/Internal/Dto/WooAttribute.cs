namespace Connectors.WooCommerce.Internal.Dto;

internal sealed class WooAttribute
{
    public string? Name { get; init; }
    public string? Option { get; init; }
}
