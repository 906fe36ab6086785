namespace Connectors.WooCommerce.Internal.Dto;

internal sealed class WooBatchRequest
{
    public List<WooBatchUpdate> Update { get; set; } = [];
}
