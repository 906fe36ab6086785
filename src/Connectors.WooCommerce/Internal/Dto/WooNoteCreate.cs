namespace Connectors.WooCommerce.Internal.Dto;

internal sealed class WooNoteCreate
{
    public required string Note { get; init; }
    public bool CustomerNote { get; init; }
}
