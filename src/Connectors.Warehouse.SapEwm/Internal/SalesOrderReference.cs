namespace Connectors.Warehouse.SapEwm.Internal;

/// <summary>
/// The reference a sales order carries so that a retry finds it: the channel order's idempotency key
/// (<c>{channel}:{orderId}</c>, as the engine forms it) written verbatim into a 35-character header field.
/// </summary>
internal static class SalesOrderReference
{
    public const int MaxLength = 35;

    /// <summary>A key longer than one field continues in the other customer reference field (Shopify's order GIDs need it).</summary>
    public const int MaxSalesOrderLength = MaxLength * 2;

    /// <summary>
    /// The values of <c>PurchaseOrderByCustomer</c> and <c>PurchaseOrderByShipToParty</c> for a key: the configured field
    /// holds it, or its first 35 characters with the rest in the other field.
    /// </summary>
    public static (string? ByCustomer, string? ByShipToParty) Fields(string reference, SalesOrderReferenceField field)
    {
        var primary = reference.Length > MaxLength ? reference[..MaxLength] : reference;
        var overflow = reference.Length > MaxLength ? reference[MaxLength..] : null;
        return field == SalesOrderReferenceField.PurchaseOrderByShipToParty ? (overflow, primary) : (primary, overflow);
    }

    /// <summary>The <c>$filter</c> that finds the sales order carrying the key.</summary>
    public static string Filter(string reference, SalesOrderReferenceField field)
    {
        var (byCustomer, byShipTo) = Fields(reference, field);
        var parts = new List<string>();
        if (byCustomer is not null)
        {
            parts.Add("PurchaseOrderByCustomer eq " + OData.ODataLiteral.String(byCustomer));
        }

        if (byShipTo is not null)
        {
            parts.Add("PurchaseOrderByShipToParty eq " + OData.ODataLiteral.String(byShipTo));
        }

        return string.Join(" and ", parts);
    }

    public static string For(string channel, string channelOrderId) => channel + ":" + channelOrderId;

    /// <summary>Splits a reference into channel and order id; <see langword="false"/> for a reference this adapter did not write.</summary>
    public static bool TryParse(string? reference, out string channel, out string orderId)
    {
        channel = orderId = string.Empty;
        if (string.IsNullOrEmpty(reference))
        {
            return false;
        }

        var colon = reference.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == reference.Length - 1)
        {
            return false;
        }

        channel = reference[..colon];
        orderId = reference[(colon + 1)..];
        return true;
    }

    public static string FieldName(SalesOrderReferenceField field) => field switch
    {
        SalesOrderReferenceField.PurchaseOrderByShipToParty => "PurchaseOrderByShipToParty",
        _ => "PurchaseOrderByCustomer",
    };

    public static string? Read(Dto.SalesOrderRead order, SalesOrderReferenceField field)
    {
        var (primary, other) = field == SalesOrderReferenceField.PurchaseOrderByShipToParty
            ? (order.PurchaseOrderByShipToParty, order.PurchaseOrderByCustomer)
            : (order.PurchaseOrderByCustomer, order.PurchaseOrderByShipToParty);

        // Only a full primary field continues in the other one; a shorter key leaves it to whatever SAP users put there.
        return primary is { Length: MaxLength } && !string.IsNullOrEmpty(other) ? primary + other : primary;
    }
}
