namespace Connectors.WooCommerce.Internal.Dto;

internal sealed class WooBatchRequest
{
    public List<WooStockUpdate> Update { get; set; } = [];
}
