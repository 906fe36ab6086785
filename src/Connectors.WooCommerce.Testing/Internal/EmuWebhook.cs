namespace Connectors.Testing.WooCommerce.Internal;

internal sealed class EmuWebhook
{
    public long Id { get; init; }

    public string Name { get; set; } = string.Empty;

    public required string Topic { get; set; }

    public required Uri DeliveryUrl { get; set; }

    public required string Secret { get; set; }

    public string Status { get; set; } = "active";

    public int FailureCount { get; set; }

    public DateTime Created { get; init; }

    public DateTime Modified { get; set; }
}
