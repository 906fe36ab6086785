namespace Connectors.WooCommerce.Internal.Dto;

internal sealed class WooTrackingRecord
{
    public required string Number { get; init; }
    public string? Url { get; init; }
    public string? Carrier { get; init; }
}
