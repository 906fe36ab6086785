using System.Globalization;

namespace Connectors.Orders.Internal;

/// <summary>Kinds and ids of the work items the order, fulfilment and returns flows put in the inbox and outbox.</summary>
internal static class WorkKinds
{
    public const string Order = "order";
    public const string ReturnRequest = "return-request";

    /// <summary>A return named by a channel without its lines (<see cref="ReturnNoticeEvent"/>), read by id when processed.</summary>
    public const string ReturnNotice = "return-notice";
    public const string Shipment = "shipment";
    public const string Tracking = "tracking";
    public const string ReturnReceipt = "return-receipt";

    /// <summary>The dead-letter kind of an order a channel listed but could not read (<see cref="UnreadableOrder"/>).</summary>
    public const string UnreadableOrder = "unreadable-order";

    /// <summary>The error type of a dead letter the WMS refused: the exception events of the order API.</summary>
    public const string WarehouseRefused = "wms-refused";

    public const string PollCursor = "orders.poll";
    public const string ReturnsPollCursor = "returns.poll";

    /// <summary>
    /// One id per order version and content (<see cref="OrderContent"/>), so a webhook and a poll of the same version are
    /// one inbox item, while a change that kept a coarse updated-at (WooCommerce: whole seconds) is a new one.
    /// </summary>
    public static string OrderVersionId(ChannelOrder order) =>
        string.Create(CultureInfo.InvariantCulture, $"order|{order.Channel}|{order.OrderId}|{order.UpdatedAt.UtcTicks}|{OrderContent.Tag(order)}");

    /// <summary>An event that carried no order: one item per delivery.</summary>
    public static string OrderEventId(string channel, string orderId, OrderEventKind kind, string deliveryId) =>
        string.Create(CultureInfo.InvariantCulture, $"order|{channel}|{orderId}|{kind}|{deliveryId}");

    public static string DeliveryKey(string channel, string deliveryId) => $"delivery|{channel}|{deliveryId}";

    public static string ReturnRequestId(string channel, string returnId) => $"return|{channel}|{returnId}";

    public static string ShipmentId(string channel, string shipmentId) => $"shipment|{channel}|{shipmentId}";

    public static string ReturnReceiptId(string channel, string receiptId) => $"return-receipt|{channel}|{receiptId}";

    public static string SubmitKey(string channel, string orderId) => $"{channel}:{orderId}";

    public static string UpdateKey(string channel, string orderId, DateTimeOffset version) =>
        string.Create(CultureInfo.InvariantCulture, $"{channel}:{orderId}:{version.UtcTicks}");

    public static string FormatCursor(DateTimeOffset value) => value.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    public static DateTimeOffset ParseCursor(string value) =>
        DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
}
