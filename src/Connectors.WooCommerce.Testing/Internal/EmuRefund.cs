namespace Connectors.Testing.WooCommerce.Internal;

internal sealed class EmuRefund
{
    public long Id { get; init; }
    public decimal Amount { get; init; }
    public string Reason { get; init; } = string.Empty;
    public DateTime Created { get; init; }
    public List<EmuLine> Lines { get; } = [];
}
