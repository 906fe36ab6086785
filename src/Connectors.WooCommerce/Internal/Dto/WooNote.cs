namespace Connectors.WooCommerce.Internal.Dto;

internal sealed class WooNote
{
    public long Id { get; init; }
    public string? Note { get; init; }
    public bool? CustomerNote { get; init; }
    public string? DateCreatedGmt { get; init; }
}
