namespace Connectors.Shopify.Internal.Json;

internal sealed record OrdersVariables(int First, string? After, string Query, int LinesFirst, int FulfillmentOrdersFirst, string AckNamespace, string AckKey);

internal sealed record OrderVariables(string Id, int LinesFirst, int FulfillmentOrdersFirst, string AckNamespace, string AckKey);

internal sealed record OrdersData(Connection<OrderNode>? Orders);

internal sealed record OrderData(OrderNode? Order);

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

internal sealed record ShippingLineNode(string? Title);

internal sealed record MetafieldValue(string? Value);

internal sealed record AddressNode(
    string? Name,
    string? Company,
    string? Address1,
    string? Address2,
    string? City,
    string? Province,
    string? ProvinceCode,
    string? Zip,
    string? Country,
    string? CountryCodeV2,
    string? Phone);

internal sealed record LineItemNode(string Id, string? Sku, string? Title, int Quantity, LineVariantNode? Variant, MoneyBag? OriginalUnitPriceSet);

internal sealed record LineVariantNode(string Id, NodeRef? InventoryItem);

internal sealed record FulfillmentOrderRef(string Id, string? Status);

internal sealed record TagsAddVariables(string Id, IReadOnlyList<string> Tags);

internal sealed record TagsAddData(MutationPayload? TagsAdd);

internal sealed record MutationPayload(IReadOnlyList<UserError>? UserErrors);

internal sealed record MetafieldsSetVariables(IReadOnlyList<MetafieldsSetInput> Metafields);

internal sealed record MetafieldsSetInput(string OwnerId, string Namespace, string Key, string Type, string Value);

internal sealed record MetafieldsSetData(MutationPayload? MetafieldsSet);
