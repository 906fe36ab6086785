using System.Globalization;
using Connectors.WooCommerce.Internal.Dto;

namespace Connectors.WooCommerce.Internal;

/// <summary>WooCommerce wire objects to the canonical model.</summary>
internal static class WooMapper
{
    /// <summary>Meta key under which this connector records its shipments on the order.</summary>
    public const string ShipmentsMetaKey = "_connectors_shipments";

    /// <summary>The Shipment Tracking extension's meta key.</summary>
    public const string ShipmentTrackingMetaKey = "_wc_shipment_tracking_items";

    public static string ItemId(long productId, long variationId) => new WooCommerceChannelItemId(productId, variationId).ToString();

    public static string ItemId(WooProduct product, long? parentId = null)
    {
        var parent = parentId ?? product.ParentId ?? 0;
        return string.Equals(product.Type, "variation", StringComparison.Ordinal) || (parentId is not null && parent != 0)
            ? ItemId(parent, product.Id)
            : ItemId(product.Id, 0);
    }

    /// <summary>WooCommerce's status to the canonical status and payment status (see README for the table).</summary>
    public static (ChannelOrderStatus Status, PaymentStatus Payment) MapStatus(string? status, bool paid, bool hasRefunds) => status switch
    {
        "pending" => (ChannelOrderStatus.Open, PaymentStatus.Pending),
        "on-hold" => (ChannelOrderStatus.OnHold, paid ? PaymentStatus.Paid : PaymentStatus.Pending),
        "processing" => (ChannelOrderStatus.Open, hasRefunds ? PaymentStatus.PartiallyRefunded : PaymentStatus.Paid),
        "completed" => (ChannelOrderStatus.Completed, hasRefunds ? PaymentStatus.PartiallyRefunded : PaymentStatus.Paid),
        "cancelled" => (ChannelOrderStatus.Cancelled, hasRefunds ? PaymentStatus.Refunded : paid ? PaymentStatus.Paid : PaymentStatus.Voided),
        // Fully refunded is not cancelled: WooCommerce keeps the stock taken (no restore on "refunded"), and the usual way
        // there is a return of goods already shipped (the connector's own return refund among them).
        "refunded" => (ChannelOrderStatus.Completed, PaymentStatus.Refunded),
        "failed" => (ChannelOrderStatus.OnHold, PaymentStatus.Failed),
        _ => (ChannelOrderStatus.OnHold, PaymentStatus.Unknown),
    };

    /// <summary>
    /// The units the shop took from the line's product stock: the <c>_reduced_stock</c> item meta WooCommerce writes when
    /// it reduces stock for the order (processing, completed, on-hold), lowers on a restocking refund and deletes when it
    /// puts the stock back (cancelled, pending). Absent: the shop holds nothing for the line.
    /// </summary>
    internal static int ReducedStock(WooLineItem item)
    {
        foreach (var meta in item.MetaData)
        {
            if (meta.Key == "_reduced_stock" && meta.ValueText is { } text)
            {
                // wc_stock_amount: PHP's intval of the stored text.
                return int.TryParse(text.Split('.')[0].Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var units) ? units : 0;
            }
        }

        return 0;
    }

    public static DateTimeOffset? ParseGmt(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed)
            ? parsed
            : throw new FormatException($"'{value}' is not a date.");
    }

    public static ChannelOrder ToChannelOrder(string channel, WooOrder order, string path = "$")
    {
        var currency = order.Currency;
        if (string.IsNullOrWhiteSpace(currency))
        {
            throw new WebhookOrParseException(path + ".currency", "is missing.");
        }

        var created = Date(order.DateCreatedGmt ?? order.DateCreated, path + ".date_created_gmt") ?? throw new WebhookOrParseException(path + ".date_created_gmt", "is missing.");
        var modified = Date(order.DateModifiedGmt ?? order.DateModified, path + ".date_modified_gmt") ?? created;
        var lines = new List<ChannelOrderLine>(order.LineItems.Count);
        for (var i = 0; i < order.LineItems.Count; i++)
        {
            var item = order.LineItems[i];
            var linePath = $"{path}.line_items[{i}]";
            var quantity = item.Quantity ?? throw new WebhookOrParseException(linePath + ".quantity", "is missing.");
            if (quantity <= 0)
            {
                continue; // a line removed by an edit (quantity 0) ships nothing
            }

            if (item.ProductId <= 0)
            {
                throw new WebhookOrParseException(linePath + ".product_id", $"is {item.ProductId}: the product was deleted, so the line cannot be mapped.");
            }

            var lineTotal = item.Total ?? item.Subtotal ?? throw new WebhookOrParseException(linePath + ".total", "is missing.");
            var properties = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["product_id"] = item.ProductId.ToString(CultureInfo.InvariantCulture),
            };
            if (item.Subtotal is { } subtotal)
            {
                properties["subtotal"] = subtotal.ToString(CultureInfo.InvariantCulture);
            }

            properties["total"] = lineTotal.ToString(CultureInfo.InvariantCulture);
            foreach (var meta in item.MetaData)
            {
                if (meta.Key is { Length: > 0 } key && key[0] != '_' && meta.ValueText is { } text)
                {
                    properties[key] = text;
                }
            }

            lines.Add(new ChannelOrderLine(
                item.Id.ToString(CultureInfo.InvariantCulture),
                ItemId(item.ProductId, item.VariationId),
                quantity,
                new Money(lineTotal / quantity, currency).RoundToMinorUnit(),
                string.IsNullOrEmpty(item.Sku) ? null : item.Sku,
                item.Name,
                properties)
            {
                // As given: 10.00 for 3 is a unit price of 3.33 and a total of 10.00, not 3.3333… (issue 19 item 6).
                Total = new Money(lineTotal, currency),
                StockHeld = ReducedStock(item),
            });
        }

        var paid = order.DatePaidGmt is not null;
        var (status, payment) = MapStatus(order.Status, paid, order.Refunds.Count > 0);
        var fulfillment = order.Status == "completed" ? FulfillmentStatus.Fulfilled : FulfillmentStatus.Unfulfilled;
        var shipped = ReadShipments(order);
        if (fulfillment == FulfillmentStatus.Unfulfilled && shipped.Count > 0)
        {
            fulfillment = FulfillmentStatus.PartiallyFulfilled;
        }

        var attributes = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["woocommerce.status"] = order.Status ?? string.Empty,
        };
        AddIf(attributes, "woocommerce.payment_method", order.PaymentMethod);
        AddIf(attributes, "woocommerce.transaction_id", order.TransactionId);
        if (order.DiscountTotal is { } discount && discount != 0)
        {
            attributes["woocommerce.discount_total"] = discount.ToString(CultureInfo.InvariantCulture);
        }

        if (order.Refunds.Count > 0)
        {
            attributes["woocommerce.refund_total"] = (-order.Refunds.Sum(r => r.Total ?? 0m)).ToString(CultureInfo.InvariantCulture);
        }

        foreach (var meta in order.MetaData)
        {
            if (meta.Key is { Length: > 0 } key && meta.ValueText is { } text && key != ShipmentsMetaKey && key != ShipmentTrackingMetaKey)
            {
                attributes["meta." + key] = text;
            }
        }

        var shippingLine = order.ShippingLines.Count > 0 ? order.ShippingLines[0] : null;
        return new ChannelOrder(
            channel,
            order.Id.ToString(CultureInfo.InvariantCulture),
            currency,
            lines,
            created,
            modified,
            orderNumber: order.Number,
            status: status,
            paymentStatus: payment,
            fulfillmentStatus: fulfillment,
            shippingAddress: ToAddress(order.Shipping, order.Billing?.Email),
            billingAddress: ToAddress(order.Billing, order.Billing?.Email),
            email: string.IsNullOrEmpty(order.Billing?.Email) ? null : order.Billing!.Email,
            shippingMethod: shippingLine?.MethodId ?? shippingLine?.MethodTitle,
            shippingTotal: order.ShippingTotal is { } st ? new Money(st, currency) : null,
            total: order.Total is { } total ? new Money(total, currency) : null,
            note: string.IsNullOrEmpty(order.CustomerNote) ? null : order.CustomerNote,
            attributes: attributes);
    }

    public static List<WooShipmentRecord> ReadShipments(WooOrder order)
    {
        foreach (var meta in order.MetaData)
        {
            if (meta.Key == ShipmentsMetaKey && meta.Value is { } value)
            {
                try
                {
                    var json = value.ValueKind == System.Text.Json.JsonValueKind.String ? value.GetString() ?? "[]" : value.GetRawText();
                    return System.Text.Json.JsonSerializer.Deserialize(json, Json.WooJsonContext.Default.ListWooShipmentRecord) ?? [];
                }
                catch (System.Text.Json.JsonException ex)
                {
                    throw new WebhookOrParseException($"$.meta_data[{ShipmentsMetaKey}]", "holds shipments this connector cannot read: " + ex.Message);
                }
            }
        }

        return [];
    }

    private static Address? ToAddress(WooAddress? a, string? email)
    {
        if (a is null || (string.IsNullOrEmpty(a.Address1) && string.IsNullOrEmpty(a.LastName) && string.IsNullOrEmpty(a.City)))
        {
            return null;
        }

        var name = string.Join(' ', new[] { a.FirstName, a.LastName }.Where(s => !string.IsNullOrWhiteSpace(s)));
        return new Address
        {
            Name = name.Length == 0 ? null : name,
            Company = Empty(a.Company),
            Line1 = Empty(a.Address1),
            Line2 = Empty(a.Address2),
            City = Empty(a.City),
            ProvinceCode = Empty(a.State),
            PostalCode = Empty(a.Postcode),
            CountryCode = Empty(a.Country),
            Phone = Empty(a.Phone),
            Email = Empty(a.Email) ?? Empty(email),
        };
    }

    private static string? Empty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;

    private static void AddIf(Dictionary<string, string> map, string key, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            map[key] = value;
        }
    }

    private static DateTimeOffset? Date(string? value, string path)
    {
        try
        {
            return ParseGmt(value);
        }
        catch (FormatException ex)
        {
            throw new WebhookOrParseException(path, ex.Message);
        }
    }
}
