using System.Globalization;
using System.Text.Json.Nodes;

namespace Connectors.Testing.WooCommerce.Internal;

/// <summary>Renders the emulator's state in WooCommerce 10's REST v3 shape (from the docs and the recorded traffic).</summary>
internal static class EmuJson
{
    public static string Date(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>A <c>date_*</c> field: the shop's local time (its <c>timezone_string</c>), where <c>date_*_gmt</c> is UTC.</summary>
    public static string Local(DateTime utc, EmuView view) => Date(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), view.Zone));

    public static string Money(decimal value) => value.ToString("0.00", CultureInfo.InvariantCulture);

    public static JsonObject Error(string code, string message, int status) => new()
    {
        ["code"] = code,
        ["message"] = message,
        ["data"] = new JsonObject { ["status"] = status },
    };

    public static JsonObject Product(EmuProduct p, EmuView view)
    {
        var apiBase = view.ApiBase;
        var o = new JsonObject
        {
            ["id"] = p.Id,
            ["name"] = p.Name,
            ["slug"] = p.Name.ToLowerInvariant().Replace(' ', '-'),
            ["type"] = p.Type,
            ["status"] = p.Status,
            ["sku"] = p.Sku,
            ["price"] = p.ActivePrice(view.Now),
            ["regular_price"] = p.RegularPrice,
            ["sale_price"] = p.SalePrice,
            ["date_on_sale_from"] = p.SaleFrom is { } from ? Local(from, view) : null,
            ["date_on_sale_from_gmt"] = p.SaleFrom is { } fromGmt ? Date(fromGmt) : null,
            ["date_on_sale_to"] = p.SaleTo is { } to ? Local(to, view) : null,
            ["date_on_sale_to_gmt"] = p.SaleTo is { } toGmt ? Date(toGmt) : null,
            ["on_sale"] = p.IsOnSale(view.Now),
            ["date_created"] = Local(p.Created, view),
            ["date_created_gmt"] = Date(p.Created),
            ["date_modified"] = Local(p.Modified, view),
            ["date_modified_gmt"] = Date(p.Modified),
            ["manage_stock"] = p.ManageStock,
            ["stock_quantity"] = p.ManageStock ? p.Stock : null,
            ["stock_status"] = p.ShownStockStatus,
            ["parent_id"] = p.ParentId,
            ["meta_data"] = new JsonArray(),
        };
        if (p.Type == "variation")
        {
            o["attributes"] = new JsonArray(new JsonObject { ["id"] = 0, ["name"] = p.AttributeName, ["slug"] = p.AttributeName?.ToLowerInvariant(), ["option"] = p.Option });
            o["_links"] = Links($"{apiBase}products/{p.ParentId}/variations/{p.Id}", $"{apiBase}products/{p.ParentId}/variations");
        }
        else
        {
            o["attributes"] = new JsonArray();
            o["variations"] = new JsonArray(p.Variations.Select(v => (JsonNode)JsonValue.Create(v)).ToArray());
            o["_links"] = Links($"{apiBase}products/{p.Id}", $"{apiBase}products");
        }

        return o;
    }

    public static JsonObject Order(EmuOrder order, EmuView view)
    {
        var apiBase = view.ApiBase;
        var subtotal = order.Lines.Sum(l => l.Price * l.Quantity);
        var o = new JsonObject
        {
            ["id"] = order.Id,
            ["parent_id"] = 0,
            ["status"] = order.Status,
            ["currency"] = order.Currency,
            ["version"] = "10.0.2",
            ["prices_include_tax"] = false,
            ["date_created"] = Local(order.Created, view),
            ["date_modified"] = Local(order.Modified, view),
            ["discount_total"] = "0.00",
            ["discount_tax"] = "0.00",
            ["shipping_total"] = Money(order.ShippingTotal),
            ["shipping_tax"] = "0.00",
            ["cart_tax"] = "0.00",
            ["total"] = Money(subtotal + order.ShippingTotal),
            ["total_tax"] = "0.00",
            ["customer_id"] = 0,
            ["order_key"] = "wc_order_emu" + order.Id.ToString(CultureInfo.InvariantCulture),
            ["billing"] = new JsonObject
            {
                ["first_name"] = "Jane", ["last_name"] = "Doe", ["company"] = string.Empty, ["address_1"] = "1 Market St", ["address_2"] = string.Empty,
                ["city"] = "San Francisco", ["state"] = "CA", ["postcode"] = "94105", ["country"] = "US", ["email"] = "jane@example.test", ["phone"] = "+1 415 555 0100",
            },
            ["shipping"] = new JsonObject
            {
                ["first_name"] = "Jane", ["last_name"] = "Doe", ["company"] = string.Empty, ["address_1"] = "1 Market St", ["address_2"] = string.Empty,
                ["city"] = "San Francisco", ["state"] = "CA", ["postcode"] = "94105", ["country"] = "US", ["phone"] = string.Empty,
            },
            ["payment_method"] = "bacs",
            ["payment_method_title"] = "Direct bank transfer",
            ["transaction_id"] = string.Empty,
            ["created_via"] = "rest-api",
            ["customer_note"] = order.CustomerNote,
            ["date_completed"] = order.Completed is { } c ? Local(c, view) : null,
            ["date_paid"] = order.Paid is { } p ? Local(p, view) : null,
            ["number"] = order.Id.ToString(CultureInfo.InvariantCulture),
            ["meta_data"] = new JsonArray(order.Meta.Select(m => (JsonNode)new JsonObject { ["id"] = m.Id, ["key"] = m.Key, ["value"] = m.Value?.DeepClone() }).ToArray()),
            ["line_items"] = new JsonArray(order.Lines.Select(l => (JsonNode)Line(l, 1)).ToArray()),
            ["tax_lines"] = new JsonArray(),
            ["shipping_lines"] = new JsonArray(new JsonObject
            {
                ["id"] = order.Id * 100, ["method_title"] = "Flat rate", ["method_id"] = "flat_rate", ["instance_id"] = string.Empty,
                ["total"] = Money(order.ShippingTotal), ["total_tax"] = "0.00", ["taxes"] = new JsonArray(), ["meta_data"] = new JsonArray(),
            }),
            ["fee_lines"] = new JsonArray(),
            ["coupon_lines"] = new JsonArray(),
            ["refunds"] = new JsonArray(order.Refunds.Select(r => (JsonNode)new JsonObject { ["id"] = r.Id, ["reason"] = r.Reason, ["total"] = Money(-r.Amount) }).ToArray()),
            ["needs_payment"] = order.Paid is null,
            ["date_created_gmt"] = Date(order.Created),
            ["date_modified_gmt"] = Date(order.Modified),
            ["date_completed_gmt"] = order.Completed is { } c2 ? Date(c2) : null,
            ["date_paid_gmt"] = order.Paid is { } p2 ? Date(p2) : null,
            ["currency_symbol"] = "$",
            ["_links"] = Links($"{apiBase}orders/{order.Id}", $"{apiBase}orders"),
        };
        return o;
    }

    /// <summary>An order line; <paramref name="sign"/> -1 renders a refund line (negative quantity and totals, as WooCommerce does).</summary>
    public static JsonObject Line(EmuLine l, int sign)
    {
        var total = Money(sign * l.Price * Math.Abs(l.Quantity));
        var meta = new JsonArray();
        if (l.RefundedItemId != 0)
        {
            var refunded = l.RefundedItemId.ToString(CultureInfo.InvariantCulture);
            meta.Add(new JsonObject { ["id"] = l.Id + 1000, ["key"] = "_refunded_item_id", ["value"] = refunded, ["display_key"] = "_refunded_item_id", ["display_value"] = refunded });
        }

        // As the recorded order_a_processing.json shows them: the units the line holds, and what refunds restocked.
        if (sign > 0 && l.HasReducedMeta)
        {
            var reduced = l.Reduced.ToString(CultureInfo.InvariantCulture);
            meta.Add(new JsonObject { ["id"] = l.Id + 2000, ["key"] = "_reduced_stock", ["value"] = reduced, ["display_key"] = "_reduced_stock", ["display_value"] = reduced });
        }

        if (sign > 0 && l.RestockedByRefunds > 0)
        {
            var restocked = l.RestockedByRefunds.ToString(CultureInfo.InvariantCulture);
            meta.Add(new JsonObject { ["id"] = l.Id + 3000, ["key"] = "_restock_refunded_items", ["value"] = restocked, ["display_key"] = "_restock_refunded_items", ["display_value"] = restocked });
        }

        return new JsonObject
        {
            ["id"] = l.Id,
            ["name"] = l.Name,
            ["product_id"] = l.ProductId,
            ["variation_id"] = l.VariationId,
            ["quantity"] = sign * Math.Abs(l.Quantity),
            ["tax_class"] = string.Empty,
            ["subtotal"] = total,
            ["subtotal_tax"] = "0.00",
            ["total"] = total,
            ["total_tax"] = "0.00",
            ["taxes"] = new JsonArray(),
            ["meta_data"] = meta,
            ["sku"] = l.Sku,
            ["price"] = (double)l.Price,
            ["image"] = new JsonObject { ["id"] = string.Empty, ["src"] = string.Empty },
            ["parent_name"] = null,
        };
    }

    public static JsonObject Note(EmuNote n, long orderId, EmuView view) => new()
    {
        ["id"] = n.Id,
        ["author"] = n.Author,
        ["date_created"] = Local(n.Created, view),
        ["date_created_gmt"] = Date(n.Created),
        ["note"] = n.Text,
        ["customer_note"] = n.CustomerNote,
        ["_links"] = Links($"{view.ApiBase}orders/{orderId}/notes/{n.Id}", $"{view.ApiBase}orders/{orderId}/notes"),
    };

    public static JsonObject Refund(EmuRefund r, long orderId, EmuView view) => new()
    {
        ["id"] = r.Id,
        ["date_created"] = Local(r.Created, view),
        ["date_created_gmt"] = Date(r.Created),
        ["amount"] = Money(r.Amount),
        ["reason"] = r.Reason,
        ["refunded_by"] = 1,
        ["refunded_payment"] = false,
        ["meta_data"] = new JsonArray(),
        ["line_items"] = new JsonArray(r.Lines.Select(l => (JsonNode)Line(l, -1)).ToArray()),
        ["shipping_lines"] = new JsonArray(),
        ["tax_lines"] = new JsonArray(),
        ["fee_lines"] = new JsonArray(),
        ["_links"] = Links($"{view.ApiBase}orders/{orderId}/refunds/{r.Id}", $"{view.ApiBase}orders/{orderId}/refunds"),
    };

    /// <summary>A webhook as <c>GET /webhooks/{id}</c> shows it (the secret is never echoed).</summary>
    public static JsonObject Webhook(EmuWebhook w, EmuView view)
    {
        var dot = w.Topic.IndexOf('.', StringComparison.Ordinal);
        return new JsonObject
        {
            ["id"] = w.Id,
            ["name"] = w.Name,
            ["status"] = w.Status,
            ["topic"] = w.Topic,
            ["resource"] = dot < 0 ? w.Topic : w.Topic[..dot],
            ["event"] = dot < 0 ? string.Empty : w.Topic[(dot + 1)..],
            ["hooks"] = new JsonArray([.. Hooks(w.Topic).Select(h => (JsonNode)JsonValue.Create(h))]),
            ["delivery_url"] = w.DeliveryUrl.ToString(),
            ["date_created"] = Local(w.Created, view),
            ["date_created_gmt"] = Date(w.Created),
            ["date_modified"] = Local(w.Modified, view),
            ["date_modified_gmt"] = Date(w.Modified),
            ["_links"] = Links($"{view.ApiBase}webhooks/{w.Id}", $"{view.ApiBase}webhooks"),
        };
    }

    /// <summary>The WordPress actions behind a topic, as <c>webhooks_list.json</c> shows them.</summary>
    private static string[] Hooks(string topic) => topic switch
    {
        "order.created" => ["woocommerce_new_order"],
        "order.updated" => ["woocommerce_update_order", "woocommerce_order_refunded"],
        "order.deleted" => ["wp_trash_post"],
        "product.updated" => ["woocommerce_update_product", "woocommerce_process_product_meta"],
        _ => [],
    };

    /// <summary>Type drift as plugins cause it: every number becomes a string, every empty string becomes <c>false</c>.</summary>
    public static JsonNode? Drift(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var key in obj.Select(p => p.Key).ToList())
                {
                    obj[key] = Drift(obj[key]?.DeepClone());
                }

                return obj;
            case JsonArray array:
                var items = array.Select(i => Drift(i?.DeepClone())).ToList();
                array.Clear();
                foreach (var item in items)
                {
                    array.Add(item);
                }

                return array;
            case JsonValue value when value.TryGetValue<string>(out var s):
                return s.Length == 0 ? JsonValue.Create(false) : value;
            case JsonValue value when value.GetValueKind() == System.Text.Json.JsonValueKind.Number:
                return JsonValue.Create(value.ToJsonString());
            default:
                return node;
        }
    }

    private static JsonObject Links(string self, string collection) => new()
    {
        ["self"] = new JsonArray(new JsonObject { ["href"] = self }),
        ["collection"] = new JsonArray(new JsonObject { ["href"] = collection }),
    };
}
