namespace Connectors.Testing.Shopify;

/// <summary>The shop's own stock moves (<see cref="ShopifyEmulatorOptions.OrdersMoveStock"/>).</summary>
public sealed partial class ShopifyEmulator
{
    /// <summary>
    /// Sets an order's financial status (<c>displayFinancialStatus</c>: <c>PENDING</c> for an order placed unpaid, then
    /// <c>PAID</c> when the buyer pays), moving its <c>updatedAt</c>. The stock moves nothing: Shopify committed the units
    /// when the order was created.
    /// </summary>
    /// <param name="orderId">The Order GID.</param>
    /// <param name="status">An OrderDisplayFinancialStatus value.</param>
    /// <exception cref="ArgumentException">No such order, or not a financial status.</exception>
    public void SetFinancialStatus(string orderId, string status)
    {
        ArgumentNullException.ThrowIfNull(orderId);
        if (status is not ("PENDING" or "AUTHORIZED" or "PARTIALLY_PAID" or "PAID" or "PARTIALLY_REFUNDED" or "REFUNDED" or "VOIDED" or "EXPIRED"))
        {
            throw new ArgumentException($"'{status}' is not an OrderDisplayFinancialStatus.", nameof(status));
        }

        var order = _graph.FindOrder(Id(orderId)) ?? throw new ArgumentException($"Order {orderId} does not exist.", nameof(orderId));
        _graph.Touch(order, o => o.FinancialStatus = status);
    }

    /// <summary>The units of an item committed to unfulfilled orders at a location (0 unless orders move stock).</summary>
    /// <param name="inventoryItemId">The InventoryItem GID.</param>
    /// <param name="locationId">The Location GID.</param>
    /// <returns>The committed quantity.</returns>
    public int GetCommitted(string inventoryItemId, string locationId)
    {
        ArgumentNullException.ThrowIfNull(inventoryItemId);
        ArgumentNullException.ThrowIfNull(locationId);
        return _graph.GetCommitted(Id(inventoryItemId), Id(locationId));
    }
}
