namespace Connectors.Shopify.Internal.Json;

internal sealed record OrderNode(
    string Id,
    string? Name,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? CancelledAt,
    bool? Closed,
    string? Email,
    string? Note,
    IReadOnlyList<string>? Tags,
    string? CurrencyCode,
    string? DisplayFinancialStatus,
    string? DisplayFulfillmentStatus,
    MoneyBag? TotalPriceSet,
    MoneyBag? TotalShippingPriceSet,
    ShippingLineNode? ShippingLine,
    AddressNode? ShippingAddress,
    AddressNode? BillingAddress,
    MetafieldValue? Acknowledgement,
    Connection<LineItemNode>? LineItems,
    Connection<FulfillmentOrderRef>? FulfillmentOrders);
