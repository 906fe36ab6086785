namespace Connectors.WooCommerce.Internal.Dto;

/// <summary>One setting option of <c>GET settings/general</c> (<c>woocommerce_currency</c>, <c>woocommerce_price_num_decimals</c>).</summary>
internal sealed class WooSetting
{
    public string? Id { get; init; }
    public string? Value { get; init; }
}
