namespace Connectors.Mapping.Internal;

/// <summary>Where a custom-field value comes from. The values up to <see cref="Tags"/> take no key.</summary>
internal enum FieldSourceKind
{
    None = 0,
    OrderId,
    OrderNumber,
    Channel,
    Email,
    Note,
    ShippingMethod,
    PaymentStatus,
    Status,
    Currency,
    Total,
    ShippingTotal,
    CreatedAt,
    Tags,
    Attribute,
    ShipTo,
    ShippingAddress,
    BillingAddress,
}
