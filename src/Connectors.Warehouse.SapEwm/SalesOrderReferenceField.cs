namespace Connectors.Warehouse.SapEwm;

/// <summary>The sales order header field (35 characters) that carries the channel order's idempotency key.</summary>
public enum SalesOrderReferenceField
{
    /// <summary><c>PurchaseOrderByCustomer</c>, the customer reference.</summary>
    PurchaseOrderByCustomer = 0,

    /// <summary><c>PurchaseOrderByShipToParty</c>, the ship-to party's customer reference.</summary>
    PurchaseOrderByShipToParty,
}
