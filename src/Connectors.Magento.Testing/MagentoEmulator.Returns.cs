using System.Globalization;
using System.Text.Json.Nodes;
using Connectors.Testing.Magento.Internal;

namespace Connectors.Testing.Magento;

/// <summary>
/// Credit memos (<c>RefundOrderInterface</c>, offline refunds) with MSI's return processing, and Adobe Commerce's RMA
/// (<c>/V1/returns</c>), which Magento Open Source does not have.
/// </summary>
public sealed partial class MagentoEmulator
{
    private const string CreditmemoError = "Creditmemo Document Validation Error(s):\n";
    private static readonly string[] RefundableStates = ["processing", "complete"];
    private readonly Dictionary<long, EmuCreditMemo> _creditMemos = [];
    private readonly Dictionary<long, EmuRma> _rmas = [];
    private long _nextCreditMemoId = 1;
    private long _nextRmaId = 1;
    private long _nextRmaItemId = 1;
    private long _nextRmaCommentId = 1;

    /// <summary>
    /// Serves Adobe Commerce's RMA endpoints (<c>/V1/returns</c>). Default <see langword="false"/>: Magento Open Source,
    /// where those routes do not exist (404, "Request does not match any route.").
    /// </summary>
    public bool RmaEnabled { get; set; }

    /// <summary>Creates an RMA as a customer's return request on the storefront does (Adobe Commerce).</summary>
    /// <param name="orderId">The order.</param>
    /// <param name="items">Each order item id and the quantity requested.</param>
    /// <param name="status">The RMA status: <c>pending</c>, <c>authorized</c>, <c>closed</c>...</param>
    /// <param name="reason">The reason of every item.</param>
    /// <returns>The RMA's entity id.</returns>
    public long RequestReturn(long orderId, IReadOnlyList<(long OrderItemId, int Quantity)> items, string status = "pending", string reason = "wrong size")
    {
        ArgumentNullException.ThrowIfNull(items);
        lock (_gate)
        {
            var order = _orders[orderId];
            var rma = new EmuRma { EntityId = _nextRmaId++, OrderId = orderId, Status = status, DateRequested = Now };
            foreach (var (itemId, quantity) in items)
            {
                if (order.Items.All(i => i.ItemId != itemId))
                {
                    throw new ArgumentException($"Order {orderId} has no item {itemId}.", nameof(items));
                }

                rma.Items.Add((_nextRmaItemId++, itemId, quantity, status == "pending" ? 0 : quantity, reason, status == "pending" ? "pending" : "authorized"));
            }

            _rmas[rma.EntityId] = rma;
            return rma.EntityId;
        }
    }

    /// <summary>The credit memos of an order: each one's items (order item id and quantity), grand total and comments.</summary>
    /// <param name="orderId">The order.</param>
    /// <returns>The credit memos, oldest first.</returns>
    public IReadOnlyList<(long EntityId, IReadOnlyDictionary<long, decimal> Items, decimal GrandTotal, IReadOnlyList<string> Comments)> GetCreditMemos(long orderId)
    {
        lock (_gate)
        {
            return [.. _creditMemos.Values.Where(c => c.OrderId == orderId).OrderBy(c => c.EntityId).Select(c => (
                c.EntityId,
                (IReadOnlyDictionary<long, decimal>)c.Items.Where(i => i.ParentOrderItemId is null).ToDictionary(i => i.OrderItemId, i => i.Qty),
                c.GrandTotal,
                (IReadOnlyList<string>)[.. c.Comments]))];
        }
    }

    /// <summary>An RMA's comments, oldest first.</summary>
    /// <param name="rmaId">The RMA.</param>
    /// <returns>The comments.</returns>
    public IReadOnlyList<string> GetReturnComments(long rmaId)
    {
        lock (_gate)
        {
            return [.. _rmas[rmaId].Comments.Select(c => c.Comment)];
        }
    }

    private Answer? RouteReturns(string method, string path, string[] segments, List<KeyValuePair<string, string>> query, JsonNode? body)
    {
        long id;
        switch (method, segments.Length > 1 ? segments[1] : string.Empty)
        {
            case ("POST", "order") when segments.Length == 4 && segments[3] == "refund" && long.TryParse(segments[2], CultureInfo.InvariantCulture, out id):
                return Refund(id, body);
            case ("GET", "creditmemos") when segments.Length == 2:
                return Search(query, _creditMemos.Values.OrderBy(c => c.EntityId).Select(CreditMemoJson));
            case ("GET", "creditmemo") when segments.Length == 3 && long.TryParse(segments[2], CultureInfo.InvariantCulture, out id):
                return _creditMemos.TryGetValue(id, out var memo) ? Answer.Json(CreditMemoJson(memo)) : Answer.NoSuchEntity();
            case ("GET", "creditmemo") when segments.Length == 4 && segments[3] == "comments" && long.TryParse(segments[2], CultureInfo.InvariantCulture, out id):
                return _creditMemos.TryGetValue(id, out var commented)
                    ? Answer.Json(new JsonObject { ["items"] = CreditMemoCommentsJson(commented), ["search_criteria"] = new JsonObject { ["filter_groups"] = new JsonArray() }, ["total_count"] = commented.Comments.Count })
                    : Answer.NoSuchEntity();
            case (_, "returns") when !RmaEnabled:
                return null;
            case ("GET", "returns") when segments.Length == 2:
                return Search(query, _rmas.Values.OrderBy(r => r.EntityId).Select(RmaJson));
            case ("GET", "returns") when segments.Length == 3 && long.TryParse(segments[2], CultureInfo.InvariantCulture, out id):
                return _rmas.TryGetValue(id, out var rma) ? Answer.Json(RmaJson(rma)) : Answer.NoSuchEntity();
            case ("GET", "returns") when segments.Length == 4 && segments[3] == "comments" && long.TryParse(segments[2], CultureInfo.InvariantCulture, out id):
                return _rmas.TryGetValue(id, out var listed)
                    ? Answer.Json(new JsonObject { ["items"] = RmaCommentsJson(listed), ["search_criteria"] = new JsonObject { ["filter_groups"] = new JsonArray() }, ["total_count"] = listed.Comments.Count })
                    : Answer.NoSuchEntity();
            case ("POST", "returns") when segments.Length == 4 && segments[3] == "comments" && long.TryParse(segments[2], CultureInfo.InvariantCulture, out id):
                return AddReturnComment(id, body);
            default:
                return null;
        }
    }

    /// <summary>
    /// POST /V1/order/{orderId}/refund (<c>RefundOrderInterface</c>, an offline credit memo): the order must be invoiced and
    /// in a refundable state; each item at most its invoiced less refunded quantity; without <c>arguments.shipping_amount</c>
    /// the shipping not refunded yet is refunded. MSI then compensates the reservation of refunded units that were never
    /// shipped, and puts shipped units of the items in <c>return_to_stock_items</c> back to the sources they left.
    /// </summary>
    private Answer Refund(long orderId, JsonNode? body)
    {
        if (!_orders.TryGetValue(orderId, out var order))
        {
            return Answer.NoSuchEntity();
        }

        if (!order.Paid || !RefundableStates.Contains(order.State))
        {
            return Answer.Error(400, CreditmemoError + "The order does not allow a creditmemo to be created.");
        }

        var refused = ReadRequestedItems(
            order,
            body,
            static item => item.QtyOrdered - item.QtyRefunded,
            CreditmemoError + "The creditmemo contains product item that is not part of the original order.",
            static item => Answer.Error(400, CreditmemoError + "The quantity to creditmemo must not be greater than the unrefunded quantity for %1.", new JsonArray(item.Sku)),
            out var requested);
        if (refused is not null)
        {
            return refused;
        }

        var arguments = body?["arguments"];
        var shippingLeft = 5m - order.ShippingRefunded;
        var shipping = arguments?["shipping_amount"] is JsonValue s && s.TryGetValue<decimal>(out var sv) ? sv : shippingLeft;
        if (shipping > shippingLeft)
        {
            return Answer.Error(400, "Maximum shipping amount allowed to refund is: %1", new JsonArray(shippingLeft.ToString("0.00", CultureInfo.InvariantCulture)));
        }

        var positive = arguments?["adjustment_positive"] is JsonValue p && p.TryGetValue<decimal>(out var pv) ? pv : 0m;
        var negative = arguments?["adjustment_negative"] is JsonValue n && n.TryGetValue<decimal>(out var nv) ? nv : 0m;
        if (requested.Values.Sum() <= 0 && shipping + positive - negative <= 0)
        {
            return Answer.Error(400, CreditmemoError + "You can't create a creditmemo without products.");
        }

        var memo = new EmuCreditMemo { EntityId = _nextCreditMemoId++, OrderId = orderId, CreatedAt = Now, Shipping = shipping, AdjustmentPositive = positive, AdjustmentNegative = negative };
        foreach (var (itemId, qty) in requested)
        {
            var item = order.Items.First(i => i.ItemId == itemId);
            memo.Items.Add((itemId, null, item.Sku, qty, item.Price));
            foreach (var child in order.Items.Where(c => c.ParentItemId == itemId))
            {
                memo.Items.Add((child.ItemId, itemId, child.Sku, qty * child.QtyOrdered / item.QtyOrdered, 0m));
            }
        }

        var toStock = new HashSet<long>();
        foreach (var node in arguments?["extension_attributes"]?["return_to_stock_items"] as JsonArray ?? [])
        {
            var itemId = node!.GetValue<long>();
            if (memo.Items.All(i => i.OrderItemId != itemId))
            {
                return Answer.Error(400, CreditmemoError + "The return to stock argument contains product item that is not part of the original credit memo.");
            }

            toStock.Add(itemId);
        }

        foreach (var (itemId, qty) in requested)
        {
            var item = order.Items.First(i => i.ItemId == itemId);
            var children = order.Items.Where(c => c.ParentItemId == itemId).ToList();
            var stockItems = children.Count == 0 ? [(item, qty)] : children.Select(c => (c, qty * c.QtyOrdered / item.QtyOrdered)).ToList();
            var shippedBefore = item.QtyShipped;
            var refundedBefore = item.QtyRefunded;
            item.QtyRefunded += qty;
            foreach (var (stockItem, units) in stockItems)
            {
                if (stockItem != item)
                {
                    stockItem.QtyRefunded += units;
                }

                // Refunded units count as shipped ones first (a return comes back from the customer); the rest never left.
                var perUnit = stockItem == item ? 1m : stockItem.QtyOrdered / item.QtyOrdered;
                var shippedLeft = Math.Max(0, (shippedBefore - refundedBefore) * perUnit);
                var fromShipped = Math.Min(units, shippedLeft);
                var neverShipped = units - fromShipped;
                if (!MsiEnabled)
                {
                    // CatalogInventory: "Return to Stock" puts the refunded units back on the stock item.
                    if (toStock.Contains(stockItem.ItemId) || toStock.Contains(itemId))
                    {
                        LegacyAdjust(stockItem.Sku, units);
                    }

                    continue;
                }

                if (neverShipped > 0 && StockKeepingTypes.Contains(stockItem.ProductType))
                {
                    _reservations.Add((stockItem.Sku, neverShipped, "creditmemo_created:" + memo.EntityId));
                }

                if (fromShipped > 0 && (toStock.Contains(stockItem.ItemId) || toStock.Contains(itemId)))
                {
                    ReturnToSources(stockItem, fromShipped);
                }
            }
        }

        if (body?["appendComment"]?.GetValue<bool>() == true && body["comment"]?["comment"]?.GetValue<string>() is { } comment)
        {
            memo.Comments.Add(comment);
        }

        _creditMemos[memo.EntityId] = memo;
        order.TotalRefunded += memo.GrandTotal;
        order.ShippingRefunded += shipping;
        if (order.Items.Where(i => !i.IsDummy).All(i => i.QtyRefunded >= i.QtyOrdered))
        {
            order.State = order.Status = "closed";
        }
        else if (order.Items.Where(i => !i.IsDummy).All(i => i.QtyToShip == 0))
        {
            order.State = order.Status = "complete";
        }

        order.UpdatedAt = Now;
        return Answer.Json(JsonValue.Create(memo.EntityId));
    }

    /// <summary>MSI's return to stock: units go back to the sources their shipment deducted, in the order deducted.</summary>
    private void ReturnToSources(EmuItem stockItem, decimal units)
    {
        var back = units;
        foreach (var (source, deducted) in stockItem.Deducted.ToList())
        {
            var take = Math.Min(back, deducted);
            if (take <= 0)
            {
                continue;
            }

            var current = _sourceItems.TryGetValue((stockItem.Sku, source), out var si) ? si : (Quantity: 0m, Status: 0);
            _sourceItems[(stockItem.Sku, source)] = (current.Quantity + take, 1);
            stockItem.Deducted[source] = deducted - take;
            back -= take;
        }

        if (back > 0 && _sources.Count > 0)
        {
            // Nothing recorded as deducted (the source was empty when it shipped): MSI puts them on the default source.
            var current = _sourceItems.TryGetValue((stockItem.Sku, _sources[0]), out var si) ? si : (Quantity: 0m, Status: 0);
            _sourceItems[(stockItem.Sku, _sources[0])] = (current.Quantity + back, 1);
        }

        stockItem.QtyReturnedToSource += units;
    }

    /// <summary>POST /V1/returns/{id}/comments (<c>CommentManagementInterface::addComment</c>).</summary>
    private Answer AddReturnComment(long rmaId, JsonNode? body)
    {
        if (!_rmas.TryGetValue(rmaId, out var rma))
        {
            return Answer.NoSuchEntity();
        }

        if (body?["data"] is not JsonObject data)
        {
            return Answer.Required("data");
        }

        var text = data["comment"]?.GetValue<string>();
        if (string.IsNullOrWhiteSpace(text))
        {
            return Answer.Required("comment");
        }

        rma.Comments.Add((_nextRmaCommentId++, text, Now));
        return Answer.Json(JsonValue.Create(true));
    }

    private JsonObject CreditMemoJson(EmuCreditMemo memo)
    {
        var order = _orders[memo.OrderId];
        var subtotal = memo.Items.Where(i => i.ParentOrderItemId is null).Sum(i => i.Qty * i.Price);
        return new JsonObject
        {
            ["entity_id"] = memo.EntityId,
            ["order_id"] = memo.OrderId,
            ["increment_id"] = (100000000 + memo.EntityId).ToString(CultureInfo.InvariantCulture),
            ["created_at"] = Date(memo.CreatedAt),
            ["updated_at"] = Date(memo.CreatedAt),
            ["state"] = 2,
            ["store_id"] = order.StoreId,
            ["order_currency_code"] = order.Currency,
            ["subtotal"] = subtotal,
            ["shipping_amount"] = memo.Shipping,
            ["adjustment_positive"] = memo.AdjustmentPositive,
            ["adjustment_negative"] = memo.AdjustmentNegative,
            ["grand_total"] = memo.GrandTotal,
            ["base_grand_total"] = memo.GrandTotal,
            ["items"] = new JsonArray(memo.Items.Select((i, index) => (JsonNode)new JsonObject
            {
                ["entity_id"] = (memo.EntityId * 1000) + index + 1, ["parent_id"] = memo.EntityId, ["order_item_id"] = i.OrderItemId, ["sku"] = i.Sku, ["qty"] = i.Qty,
                ["price"] = i.Price, ["row_total"] = i.Price * i.Qty, ["base_price"] = i.Price, ["base_cost"] = 0m,
            }).ToArray()),
            ["comments"] = CreditMemoCommentsJson(memo),
        };
    }

    private static JsonArray CreditMemoCommentsJson(EmuCreditMemo memo) => new(memo.Comments.Select((c, i) => (JsonNode)new JsonObject
    {
        ["entity_id"] = i + 1, ["comment"] = c, ["is_customer_notified"] = 0, ["is_visible_on_front"] = 0, ["parent_id"] = memo.EntityId, ["created_at"] = Date(memo.CreatedAt),
    }).ToArray());

    private JsonObject RmaJson(EmuRma rma)
    {
        var order = _orders[rma.OrderId];
        return new JsonObject
        {
            ["increment_id"] = (100000000 + rma.EntityId).ToString(CultureInfo.InvariantCulture),
            ["entity_id"] = rma.EntityId,
            ["order_id"] = rma.OrderId,
            ["order_increment_id"] = order.IncrementId,
            ["store_id"] = order.StoreId,
            ["customer_id"] = 0,
            ["date_requested"] = Date(rma.DateRequested),
            ["customer_custom_email"] = "anna@example.com",
            ["status"] = rma.Status,
            ["items"] = new JsonArray(rma.Items.Select(i => (JsonNode)new JsonObject
            {
                ["entity_id"] = i.EntityId, ["rma_entity_id"] = rma.EntityId, ["order_item_id"] = i.OrderItemId, ["qty_requested"] = i.QtyRequested,
                ["qty_authorized"] = i.QtyAuthorized, ["qty_approved"] = 0, ["qty_returned"] = 0, ["reason"] = i.Reason, ["condition"] = "unopened",
                ["resolution"] = "refund", ["status"] = i.Status,
            }).ToArray()),
            ["comments"] = RmaCommentsJson(rma),
            ["tracks"] = new JsonArray(),
        };
    }

    private static JsonArray RmaCommentsJson(EmuRma rma) => new(rma.Comments.Select(c => (JsonNode)new JsonObject
    {
        ["comment"] = c.Comment, ["rma_entity_id"] = rma.EntityId, ["created_at"] = Date(c.At), ["entity_id"] = c.EntityId, ["customer_notified"] = false,
        ["visible_on_front"] = false, ["status"] = rma.Status, ["admin"] = true,
    }).ToArray());
}
