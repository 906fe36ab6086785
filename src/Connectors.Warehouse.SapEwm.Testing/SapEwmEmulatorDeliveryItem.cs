namespace Connectors.Testing.SapEwm;

/// <summary>A snapshot of an outbound delivery order item in the <see cref="SapEwmEmulator"/>.</summary>
public sealed record SapEwmEmulatorDeliveryItem
{
    /// <summary>The outbound delivery order number.</summary>
    public required string DeliveryOrder { get; init; }

    /// <summary>The item number.</summary>
    public required string Item { get; init; }

    /// <summary>The product.</summary>
    public required string Product { get; init; }

    /// <summary>The delivery quantity.</summary>
    public required decimal Quantity { get; init; }

    /// <summary>The picked quantity.</summary>
    public required decimal PickedQuantity { get; init; }

    /// <summary>EWM's picking status (<c>1</c> not started, <c>2</c> partially, <c>9</c> completed).</summary>
    public required string PickingStatus { get; init; }

    /// <summary>EWM's goods issue status (<c>1</c> not started, <c>9</c> completed).</summary>
    public required string GoodsIssueStatus { get; init; }

    /// <summary>The sales order.</summary>
    public required string SalesOrder { get; init; }
}
