namespace Connectors.Warehouse.SapEwm.Internal;

/// <summary>
/// The reference a sales order carries so that a retry finds it: the channel order's idempotency key
/// (<c>{channel}:{orderId}</c>, as the engine forms it) written verbatim into a 35-character header field.
/// </summary>
internal static class SalesOrderReference
{
    public const int MaxLength = 35;

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

    public static string? Read(Dto.SalesOrderRead order, SalesOrderReferenceField field) =>
        field == SalesOrderReferenceField.PurchaseOrderByShipToParty ? order.PurchaseOrderByShipToParty : order.PurchaseOrderByCustomer;
}
