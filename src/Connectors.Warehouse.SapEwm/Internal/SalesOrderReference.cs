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

    /// <summary>
    /// A customer return has one 35-character customer reference; a longer key (Shopify's return GIDs) continues in
    /// <c>AssignmentReference</c> (18 characters), 53 together.
    /// </summary>
    public const int MaxReturnLength = MaxLength + 18;

    /// <summary>The values of <c>PurchaseOrderByCustomer</c> and <c>AssignmentReference</c> of a customer return for a key.</summary>
    public static (string ByCustomer, string? Assignment) ReturnFields(string reference) =>
        reference.Length > MaxLength ? (reference[..MaxLength], reference[MaxLength..]) : (reference, null);

    /// <summary>The <c>$filter</c> that finds the customer return carrying the key.</summary>
    public static string ReturnFilter(string reference)
    {
        var (byCustomer, assignment) = ReturnFields(reference);
        var filter = "PurchaseOrderByCustomer eq " + OData.ODataLiteral.String(byCustomer);
        return assignment is null ? filter : filter + " and AssignmentReference eq " + OData.ODataLiteral.String(assignment);
    }

    /// <summary>The key a customer return carries: a full customer reference continues in its assignment.</summary>
    public static string? ReadReturn(Dto.CustomerReturnRead customerReturn) =>
        customerReturn.PurchaseOrderByCustomer is { Length: MaxLength } primary && !string.IsNullOrEmpty(customerReturn.AssignmentReference)
            ? primary + customerReturn.AssignmentReference
            : customerReturn.PurchaseOrderByCustomer;

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
