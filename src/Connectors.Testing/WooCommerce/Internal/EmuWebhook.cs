namespace Connectors.Testing.WooCommerce.Internal;

internal sealed class EmuWebhook
{
    public long Id { get; init; }
    public required string Topic { get; init; }
    public required Uri DeliveryUrl { get; init; }
    public required string Secret { get; init; }
    public string Status { get; set; } = "active";
    public int FailureCount { get; set; }
}
