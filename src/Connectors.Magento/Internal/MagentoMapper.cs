using System.Globalization;
using Connectors.Magento.Internal.Dto;

namespace Connectors.Magento.Internal;

/// <summary>Magento's sales documents to the canonical model, and the reservation arithmetic.</summary>
internal static class MagentoMapper
{
    /// <summary>Order states in which Magento still holds a reservation for what is not shipped, cancelled or refunded.</summary>
    public static readonly string[] OpenStates = ["new", "pending_payment", "processing", "holded", "payment_review"];

    public const string Configurable = "configurable";
    public const string Bundle = "bundle";

    public static DateTimeOffset ParseDate(string? value, string field)
    {
        if (value is not null && DateTime.TryParseExact(value, ["yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ssK"], CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var parsed))
        {
            return new DateTimeOffset(DateTime.SpecifyKind(parsed, DateTimeKind.Utc));
        }

        throw new ConnectorValidationException(field, $"'{value}' is not a Magento date (yyyy-MM-dd HH:mm:ss, UTC).");
    }

    public static ChannelOrderStatus Status(string? state) => state switch
    {
        "holded" => ChannelOrderStatus.OnHold,
        "complete" or "closed" => ChannelOrderStatus.Completed,
        "canceled" => ChannelOrderStatus.Cancelled,
        _ => ChannelOrderStatus.Open,
    };

    public static PaymentStatus Payment(Order order)
    {
        var total = order.GrandTotal ?? 0;
        var paid = order.TotalPaid ?? 0;
        var refunded = order.TotalRefunded ?? 0;
        return order.State switch
        {
            _ when refunded > 0 && refunded >= total => PaymentStatus.Refunded,
            _ when refunded > 0 => PaymentStatus.PartiallyRefunded,
            "canceled" => PaymentStatus.Voided,
            _ when total > 0 && paid >= total => PaymentStatus.Paid,
            _ when total == 0 && order.State is "processing" or "complete" => PaymentStatus.Paid,
            _ when paid > 0 => PaymentStatus.PartiallyPaid,
            _ when order.Payment?.AmountAuthorized > 0 => PaymentStatus.Authorized,
            "new" or "pending_payment" or "payment_review" or "processing" or "holded" => PaymentStatus.Pending,
            _ => PaymentStatus.Unknown,
        };
    }

    /// <summary>
    /// The canonical order. A configurable product is one line: the parent item (which carries the price and is the one a
    /// shipment names) with the child's SKU. A bundle is one line per child item (the SKUs to pick), with the bundle's item
    /// id, SKU and quantity in the line's properties; the bundle parent is not a line of its own, so nothing counts twice.
    /// </summary>
    public static ChannelOrder ToChannelOrder(string channel, Order order)
    {
        var orderId = order.EntityId.ToString(CultureInfo.InvariantCulture);
        var currency = order.OrderCurrencyCode ?? throw new MappingException(channel, orderId, null, "order_currency_code", "is missing.");
        var items = order.Items ?? [];
        var lines = new List<ChannelOrderLine>();
        var ordered = 0m;
        var shipped = 0m;
        foreach (var item in items.Where(i => i.ParentItemId is null))
        {
            var children = items.Where(c => c.ParentItemId == item.ItemId).ToList();
            if (item.ProductType == Bundle && children.Count > 0)
            {
                foreach (var child in children)
                {
                    lines.Add(Line(channel, orderId, child, currency, child.Sku, new Dictionary<string, string>
                    {
                        ["product_type"] = child.ProductType ?? "simple",
                        ["bundle_item_id"] = Id(item.ItemId),
                        ["bundle_sku"] = item.Sku ?? string.Empty,
                        ["bundle_qty"] = Number(item.QtyOrdered ?? 0),
                    }));
                }
            }
            else
            {
                var child = item.ProductType == Configurable ? children.FirstOrDefault() : null;
                var properties = new Dictionary<string, string> { ["product_type"] = item.ProductType ?? "simple" };
                if (child is not null)
                {
                    properties["child_item_id"] = Id(child.ItemId);
                }

                lines.Add(Line(channel, orderId, item, currency, child?.Sku ?? item.Sku, properties));
            }

            ordered += item.QtyOrdered ?? 0;
            shipped += Math.Min(item.QtyOrdered ?? 0, item.QtyShipped ?? 0);
        }

        var shipping = order.ExtensionAttributes?.ShippingAssignments?.FirstOrDefault()?.Shipping;
        var attributes = new Dictionary<string, string>
        {
            ["state"] = order.State ?? string.Empty,
            ["status"] = order.Status ?? string.Empty,
        };
        if (order.StoreId is { } store)
        {
            attributes["store_id"] = store.ToString(CultureInfo.InvariantCulture);
        }

        if (order.Payment?.Method is { } method)
        {
            attributes["payment_method"] = method;
        }

        var created = ParseDate(order.CreatedAt, "created_at");
        return new ChannelOrder(
            channel,
            orderId,
            currency,
            lines,
            created,
            order.UpdatedAt is null ? created : ParseDate(order.UpdatedAt, "updated_at"),
            orderNumber: order.IncrementId,
            status: Status(order.State),
            paymentStatus: Payment(order),
            fulfillmentStatus: shipped <= 0 ? FulfillmentStatus.Unfulfilled : shipped >= ordered ? FulfillmentStatus.Fulfilled : FulfillmentStatus.PartiallyFulfilled,
            shippingAddress: Address(shipping?.Address),
            billingAddress: Address(order.BillingAddress),
            email: order.CustomerEmail,
            shippingMethod: shipping?.Method ?? order.ShippingDescription,
            shippingTotal: order.ShippingAmount is { } s ? new Money(s, currency) : null,
            total: order.GrandTotal is { } g ? new Money(g, currency) : null,
            note: order.CustomerNote,
            attributes: attributes);
    }

    /// <summary>The open reservation per SKU of one order (nothing for an order no longer in an open state).</summary>
    public static IEnumerable<(string Sku, decimal Quantity)> OpenReservations(Order order)
    {
        if (order.State is null || !OpenStates.Contains(order.State, StringComparer.Ordinal))
        {
            yield break;
        }

        var items = order.Items ?? [];
        var byId = items.ToDictionary(i => i.ItemId);
        foreach (var item in items)
        {
            // Magento reserves the stock-keeping products (simple, virtual, downloadable), never the composite parent.
            if (item.Sku is null || item.ProductType is Configurable or Bundle or "grouped")
            {
                continue;
            }

            var ordered = item.QtyOrdered ?? 0;
            var closed = Closed(item);
            if (item.ParentItemId is { } parentId && byId.TryGetValue(parentId, out var parent) && parent.QtyOrdered is > 0)
            {
                // A configurable (or bundle shipped together) is shipped, cancelled and refunded on its parent item.
                closed = Math.Max(closed, Closed(parent) * ordered / parent.QtyOrdered.Value);
            }

            var open = ordered - closed;
            if (open > 0)
            {
                yield return (item.Sku, open);
            }
        }
    }

    /// <summary>
    /// What no longer holds a reservation: cancelled, plus the larger of shipped and refunded. A refund of shipped units (a
    /// return) compensates nothing in MSI, since the shipment already did; counting both would undercount the open units.
    /// Magento's own quantity to ship (<c>Order\Item::getSimpleQtyToShip</c>) uses the same maximum.
    /// </summary>
    private static decimal Closed(OrderItem item) => Math.Max(item.QtyShipped ?? 0, item.QtyRefunded ?? 0) + (item.QtyCanceled ?? 0);

    private static ChannelOrderLine Line(string channel, string orderId, OrderItem item, string currency, string? sku, Dictionary<string, string> properties)
    {
        var lineId = Id(item.ItemId);
        var qty = item.QtyOrdered ?? 0;
        if (qty <= 0 || qty != decimal.Truncate(qty) || qty > int.MaxValue)
        {
            throw new MappingException(channel, orderId, lineId, "items.qty_ordered", $"is {Number(qty)}; only whole positive quantities can be sent to the WMS.");
        }

        if (string.IsNullOrEmpty(sku))
        {
            throw new MappingException(channel, orderId, lineId, "items.sku", "is missing.");
        }

        return new ChannelOrderLine(lineId, sku, (int)qty, new Money(item.Price ?? 0, currency), sku, item.Name, properties);
    }

    private static Address? Address(OrderAddress? address) => address is null
        ? null
        : new Address
        {
            Name = string.Join(' ', new[] { address.Firstname, address.Lastname }.Where(s => !string.IsNullOrEmpty(s))),
            Company = address.Company,
            Line1 = address.Street is { Count: > 0 } street ? street[0] : null,
            Line2 = address.Street is { Count: > 1 } more ? string.Join(", ", more.Skip(1)) : null,
            City = address.City,
            Province = address.Region,
            ProvinceCode = address.RegionCode,
            PostalCode = address.Postcode,
            CountryCode = address.CountryId,
            Phone = address.Telephone,
            Email = address.Email,
        };

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    private static string Number(decimal value) => value.ToString("0.####", CultureInfo.InvariantCulture);
}
