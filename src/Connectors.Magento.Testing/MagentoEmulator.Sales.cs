using System.Globalization;
using System.Text.Json.Nodes;
using Connectors.Testing.Magento.Internal;

namespace Connectors.Testing.Magento;

/// <summary>Orders, comments, shipments and the reservations they place and compensate.</summary>
public sealed partial class MagentoEmulator
{
    private static readonly string[] ShippableStates = ["new", "processing"];
    private static readonly string[] StockKeepingTypes = ["simple", "virtual", "downloadable"];

    /// <summary>
    /// Places an order as checkout does: items (a configurable as a parent item carrying the price and the child's SKU plus
    /// a child item; a bundle as a parent item carrying the price plus one child item per component), and a reservation of
    /// minus the ordered quantity for every stock-keeping item.
    /// </summary>
    /// <param name="lines">The lines.</param>
    /// <param name="state">The order state (<c>new</c>, <c>pending_payment</c>, <c>processing</c>...).</param>
    /// <param name="paid">Whether the order is invoiced (paid).</param>
    /// <param name="currency">The order currency.</param>
    /// <param name="storeId">The store view id.</param>
    /// <returns>The order's entity id.</returns>
    public long PlaceOrder(IReadOnlyList<MagentoEmulatorLine> lines, string state = "processing", bool paid = true, string currency = "EUR", int storeId = 1)
    {
        ArgumentNullException.ThrowIfNull(lines);
        lock (_gate)
        {
            var now = Now;
            var id = _nextOrderId++;
            var order = new EmuOrder
            {
                EntityId = id, IncrementId = (100000000 + id).ToString(CultureInfo.InvariantCulture), State = state, Status = DefaultStatus(state),
                StoreId = storeId, Currency = currency, Paid = paid, CreatedAt = now, UpdatedAt = now,
            };
            foreach (var line in lines)
            {
                if (line.ConfigurableSku is { } parentSku)
                {
                    var parent = new EmuItem { ItemId = _nextItemId++, Sku = line.Sku, Name = parentSku, ProductId = ProductId(parentSku), ProductType = "configurable", QtyOrdered = line.Quantity, Price = line.Price };
                    order.Items.Add(parent);
                    order.Items.Add(new EmuItem { ItemId = _nextItemId++, ParentItemId = parent.ItemId, Sku = line.Sku, Name = line.Sku, ProductId = ProductId(line.Sku), ProductType = "simple", QtyOrdered = line.Quantity });
                }
                else if (line.BundleComponents is { } components)
                {
                    var parent = new EmuItem { ItemId = _nextItemId++, Sku = line.Sku, Name = line.Sku, ProductId = ProductId(line.Sku), ProductType = "bundle", QtyOrdered = line.Quantity, Price = line.Price };
                    order.Items.Add(parent);
                    foreach (var (sku, per) in components)
                    {
                        order.Items.Add(new EmuItem { ItemId = _nextItemId++, ParentItemId = parent.ItemId, Sku = sku, Name = sku, ProductId = ProductId(sku), ProductType = "simple", QtyOrdered = per * line.Quantity });
                    }
                }
                else
                {
                    order.Items.Add(new EmuItem { ItemId = _nextItemId++, Sku = line.Sku, Name = line.Sku, ProductId = ProductId(line.Sku), ProductType = "simple", QtyOrdered = line.Quantity, Price = line.Price });
                }
            }

            foreach (var item in order.Items.Where(i => StockKeepingTypes.Contains(i.ProductType)))
            {
                if (MsiEnabled)
                {
                    _reservations.Add((item.Sku, -item.QtyOrdered, "order_placed:" + id));
                }
                else
                {
                    LegacyAdjust(item.Sku, -item.QtyOrdered);
                }
            }

            _orders[id] = order;
            return id;
        }
    }

    /// <summary>
    /// Ships what is left of an order as the admin does from the back office ("Ship" with every item): the same shipment
    /// as <c>POST /V1/order/{id}/ship</c> without items, so the shipped units leave the sources and their reservations are
    /// compensated.
    /// </summary>
    /// <param name="orderId">The order's entity id.</param>
    /// <returns>The shipment's entity id.</returns>
    /// <exception cref="InvalidOperationException">Magento refuses the shipment (the message names why).</exception>
    public long ShipOrder(long orderId)
    {
        lock (_gate)
        {
            var answer = Ship(orderId, null);
            return answer.Status == 200
                ? answer.Body!.GetValue<long>()
                : throw new InvalidOperationException($"order {orderId} not shipped: {answer.Body?["message"]}");
        }
    }

    /// <summary>Cancels an order as the admin does: what is not shipped is cancelled and its reservation compensated.</summary>
    /// <param name="orderId">The order.</param>
    public void CancelOrder(long orderId)
    {
        lock (_gate)
        {
            var order = _orders[orderId];
            foreach (var item in order.Items)
            {
                var left = item.QtyToShip;
                if (item.IsDummy && order.Items.First(p => p.ItemId == item.ParentItemId) is { } parent)
                {
                    left = parent.QtyToShip * item.QtyOrdered / parent.QtyOrdered;
                }

                if (StockKeepingTypes.Contains(item.ProductType) && left > 0)
                {
                    if (MsiEnabled)
                    {
                        _reservations.Add((item.Sku, left, "order_canceled:" + orderId));
                    }
                    else
                    {
                        LegacyAdjust(item.Sku, left);
                    }
                }
            }

            foreach (var item in order.Items)
            {
                item.QtyCanceled = item.QtyToShip;
            }

            order.State = order.Status = "canceled";
            order.UpdatedAt = Now;
        }
    }

    /// <summary>Puts an order on hold (state <c>holded</c>), as the admin's Hold button does.</summary>
    /// <param name="orderId">The order.</param>
    public void HoldOrder(long orderId)
    {
        lock (_gate)
        {
            var order = _orders[orderId];
            order.State = order.Status = "holded";
            order.UpdatedAt = Now;
        }
    }

    /// <summary>
    /// Changes the JSON every later read of an order answers, as a third-party extension or a direct database edit can
    /// (a quantity stored as the string <c>"2.5"</c>, a required field left out): for a test of what the connector does
    /// with an order it cannot read. The edit sees the order as <c>GET /V1/orders</c> renders it (Magento's
    /// <c>salesDataOrderInterface</c> field names); search filters apply to the edited JSON.
    /// </summary>
    /// <param name="orderId">The order.</param>
    /// <param name="edit">Changes the rendered order in place.</param>
    public void EditOrderJson(long orderId, Action<JsonObject> edit)
    {
        ArgumentNullException.ThrowIfNull(edit);
        lock (_gate)
        {
            _orders[orderId].JsonEdits.Add(edit);
        }
    }

    /// <summary>Changes an order's <c>updated_at</c> to now (an admin edit).</summary>
    /// <param name="orderId">The order.</param>
    public void TouchOrder(long orderId)
    {
        lock (_gate)
        {
            _orders[orderId].UpdatedAt = Now;
        }
    }

    /// <summary>An order's state.</summary>
    /// <param name="orderId">The order.</param>
    /// <returns>The state.</returns>
    public string GetOrderState(long orderId)
    {
        lock (_gate)
        {
            return _orders[orderId].State;
        }
    }

    /// <summary>An order's comments (status history), oldest first.</summary>
    /// <param name="orderId">The order.</param>
    /// <returns>The comments.</returns>
    public IReadOnlyList<string> GetOrderComments(long orderId)
    {
        lock (_gate)
        {
            return [.. _orders[orderId].Histories.Select(h => h.Comment)];
        }
    }

    /// <summary>The shipments of an order.</summary>
    /// <param name="orderId">The order.</param>
    /// <returns>How many there are.</returns>
    public int GetShipmentCount(long orderId)
    {
        lock (_gate)
        {
            return _shipments.Values.Count(s => s.OrderId == orderId);
        }
    }

    /// <summary>The order item ids of an order, in order.</summary>
    /// <param name="orderId">The order.</param>
    /// <returns>Item id, SKU, product type and parent item id of each item.</returns>
    public IReadOnlyList<(long ItemId, string Sku, string ProductType, long? ParentItemId)> GetOrderItems(long orderId)
    {
        lock (_gate)
        {
            return [.. _orders[orderId].Items.Select(i => (i.ItemId, i.Sku, i.ProductType, i.ParentItemId))];
        }
    }

    private long ProductId(string sku) => _products.TryGetValue(sku, out var p) ? p.Id : 0;

    private static string DefaultStatus(string state) => state switch
    {
        "new" => "pending",
        "holded" => "holded",
        "payment_review" => "payment_review",
        "pending_payment" => "pending_payment",
        _ => state,
    };

    /// <summary>POST /V1/orders/{id}/comments (<c>OrderManagementInterface::addComment</c>).</summary>
    private Answer AddComment(long orderId, JsonNode? body)
    {
        if (!_orders.TryGetValue(orderId, out var order))
        {
            return Answer.NoSuchEntity();
        }

        if (body?["statusHistory"] is not JsonObject history)
        {
            return Answer.Required("statusHistory");
        }

        foreach (var field in new[] { "comment", "is_customer_notified", "is_visible_on_front", "parent_id" })
        {
            if (history[field] is null)
            {
                return Answer.Required(field);
            }
        }

        var status = history["status"]?.GetValue<string>();
        if (!string.IsNullOrEmpty(status))
        {
            order.Status = status;
        }

        order.Histories.Add((_nextHistoryId++, history["comment"]!.GetValue<string>(), status ?? order.Status, Now));
        order.UpdatedAt = Now;
        return Answer.Json(JsonValue.Create(true));
    }

    /// <summary>
    /// The quantities a shipment or credit memo document asks for per order item: its <c>items</c> (each
    /// <c>order_item_id</c> and <c>qty</c>, repeated ids added up), or everything each line has left when it names none.
    /// Children of configurable and bundle lines go with their parent, so their own quantities are ignored as Magento
    /// does. An answer when the document is refused, null otherwise.
    /// </summary>
    private static Answer? ReadRequestedItems(
        EmuOrder order, JsonNode? body, Func<EmuItem, decimal> left, string notInOrder, Func<EmuItem, Answer> tooMany, out Dictionary<long, decimal> requested)
    {
        requested = [];
        if (body?["items"] is not JsonArray items || items.Count == 0)
        {
            foreach (var item in order.Items.Where(i => !i.IsDummy && left(i) > 0))
            {
                requested[item.ItemId] = left(item);
            }

            return null;
        }

        foreach (var node in items)
        {
            if (node?["order_item_id"] is null || node["qty"] is null)
            {
                return Answer.Required(node?["order_item_id"] is null ? "order_item_id" : "qty");
            }

            var itemId = node["order_item_id"]!.GetValue<long>();
            var qty = node["qty"]!.GetValue<decimal>();
            var item = order.Items.FirstOrDefault(i => i.ItemId == itemId);
            if (item is null)
            {
                return Answer.Error(400, notInOrder);
            }

            if (item.IsDummy)
            {
                continue;
            }

            if (qty > left(item))
            {
                return tooMany(item);
            }

            requested[itemId] = requested.GetValueOrDefault(itemId) + qty;
        }

        return null;
    }

    /// <summary>
    /// POST /V1/order/{orderId}/ship (<c>ShipOrderInterface</c>): validates, creates the shipment, deducts the sources in
    /// priority order and compensates the reservations, completes the order when everything is shipped and invoiced.
    /// </summary>
    private Answer Ship(long orderId, JsonNode? body)
    {
        if (!_orders.TryGetValue(orderId, out var order))
        {
            return Answer.NoSuchEntity();
        }

        if (!ShippableStates.Contains(order.State))
        {
            return Answer.Error(400, "Shipment Document Validation Error(s):\nThe order does not allow a shipment to be created.");
        }

        var refused = ReadRequestedItems(
            order,
            body,
            static item => item.QtyToShip,
            "Shipment Document Validation Error(s):\nThe shipment contains an item that is not part of the order.",
            static _ => Answer.Error(400, "Shipment Document Validation Error(s):\nThe quantity to ship must not be greater than the unshipped quantity for the product."),
            out var requested);
        if (refused is not null)
        {
            return refused;
        }

        if (requested.Values.Sum() <= 0)
        {
            return Answer.Error(400, "Shipment Document Validation Error(s):\nYou can't create a shipment without products.");
        }

        var tracks = new List<(string Number, string Title, string Carrier)>();
        foreach (var node in body?["tracks"] as JsonArray ?? [])
        {
            foreach (var field in new[] { "track_number", "title", "carrier_code" })
            {
                if (node?[field] is null || string.IsNullOrEmpty(node[field]!.GetValue<string>()))
                {
                    return Answer.Required(field);
                }
            }

            tracks.Add((node!["track_number"]!.GetValue<string>(), node["title"]!.GetValue<string>(), node["carrier_code"]!.GetValue<string>()));
        }

        var shipment = new EmuShipment { EntityId = _nextShipmentId++, OrderId = orderId, CreatedAt = Now };
        shipment.Tracks.AddRange(tracks);
        if (body?["appendComment"]?.GetValue<bool>() == true && body["comment"]?["comment"]?.GetValue<string>() is { } comment)
        {
            shipment.Comments.Add(comment);
        }

        foreach (var (itemId, qty) in requested)
        {
            var item = order.Items.First(i => i.ItemId == itemId);
            item.QtyShipped += qty;
            shipment.Items.Add((itemId, item.Sku, qty));
            var children = order.Items.Where(c => c.ParentItemId == itemId).ToList();
            var deducted = children.Count == 0 ? [(item, qty)] : children.Select(c => (c, qty * c.QtyOrdered / item.QtyOrdered)).ToList();
            foreach (var (stockItem, units) in deducted.Where(_ => MsiEnabled))
            {
                Deduct(stockItem, units);
                _reservations.Add((stockItem.Sku, units, "shipment_created:" + shipment.EntityId));
            }
        }

        _shipments[shipment.EntityId] = shipment;
        if (order.Paid && order.Items.Where(i => !i.IsDummy).All(i => i.QtyToShip == 0))
        {
            order.State = order.Status = "complete";
        }

        order.UpdatedAt = Now;
        return Answer.Json(JsonValue.Create(shipment.EntityId));
    }

    /// <summary>POST /V1/shipment/track (<c>ShipmentTrackRepositoryInterface::save</c>): a track on an existing shipment of the order.</summary>
    private Answer AddTrack(JsonNode? body)
    {
        if (body?["entity"] is not JsonObject entity)
        {
            return Answer.Required("entity");
        }

        foreach (var field in new[] { "order_id", "parent_id", "track_number", "title", "carrier_code" })
        {
            if (entity[field] is null)
            {
                return Answer.Required(field);
            }
        }

        if (!_shipments.TryGetValue(entity["parent_id"]!.GetValue<long>(), out var shipment) || shipment.OrderId != entity["order_id"]!.GetValue<long>())
        {
            return Answer.Error(400, "Could not save the shipment tracking.");
        }

        shipment.Tracks.Add((entity["track_number"]!.GetValue<string>(), entity["title"]!.GetValue<string>(), entity["carrier_code"]!.GetValue<string>()));
        _orders[shipment.OrderId].UpdatedAt = Now;
        var answer = entity.DeepClone().AsObject();
        answer["entity_id"] = shipment.Tracks.Count;
        return Answer.Json(answer);
    }

    /// <summary>Source deduction: the shipped units leave the stock's sources in priority order.</summary>
    private void Deduct(EmuItem stockItem, decimal units)
    {
        var sku = stockItem.Sku;
        foreach (var source in _sources)
        {
            if (units <= 0)
            {
                break;
            }

            if (_sourceItems.TryGetValue((sku, source), out var item) && item.Quantity > 0)
            {
                var take = Math.Min(item.Quantity, units);
                _sourceItems[(sku, source)] = (item.Quantity - take, item.Quantity - take > 0 ? item.Status : 0);
                stockItem.Deducted[source] = stockItem.Deducted.GetValueOrDefault(source) + take;
                units -= take;
            }
        }
    }

    private JsonObject OrderJson(EmuOrder order)
    {
        var address = new JsonObject
        {
            ["address_type"] = "shipping", ["city"] = "Utrecht", ["country_id"] = "NL", ["firstname"] = "Anna", ["lastname"] = "de Vries",
            ["postcode"] = "3511 AA", ["street"] = new JsonArray("Oudegracht 1", "2nd floor"), ["telephone"] = "+31301234567", ["email"] = "anna@example.com",
            ["parent_id"] = order.EntityId,
        };
        var billing = address.DeepClone().AsObject();
        billing["address_type"] = "billing";
        var items = new JsonArray();
        foreach (var item in order.Items)
        {
            var json = ItemJson(order, item);
            if (item.ParentItemId is { } parentId)
            {
                json["parent_item"] = ItemJson(order, order.Items.First(p => p.ItemId == parentId));
            }

            items.Add(json);
        }

        var grand = order.GrandTotal;
        var shipped = order.Items.Any(i => i.QtyShipped > 0);
        var rendered = new JsonObject
        {
            ["entity_id"] = order.EntityId,
            ["increment_id"] = order.IncrementId,
            ["state"] = order.State,
            ["status"] = order.Status,
            ["store_id"] = order.StoreId,
            ["created_at"] = Date(order.CreatedAt),
            ["updated_at"] = Date(order.UpdatedAt),
            ["order_currency_code"] = order.Currency,
            ["base_currency_code"] = order.Currency,
            ["grand_total"] = grand,
            ["base_grand_total"] = grand,
            ["subtotal"] = grand - 5m,
            ["shipping_amount"] = 5m,
            ["shipping_description"] = "Flat Rate - Fixed",
            ["total_paid"] = order.Paid ? grand : null,
            ["total_refunded"] = order.TotalRefunded > 0 ? order.TotalRefunded : null,
            ["total_due"] = order.Paid ? 0m : grand,
            ["total_qty_ordered"] = order.Items.Where(i => i.ParentItemId is null).Sum(i => i.QtyOrdered),
            ["customer_email"] = "anna@example.com",
            ["customer_firstname"] = "Anna",
            ["customer_lastname"] = "de Vries",
            ["customer_is_guest"] = 1,
            ["is_virtual"] = 0,
            ["items"] = items,
            ["billing_address"] = billing,
            ["payment"] = new JsonObject
            {
                ["method"] = "checkmo", ["account_status"] = null, ["additional_information"] = new JsonArray(), ["cc_last4"] = null,
                ["amount_ordered"] = grand, ["amount_paid"] = order.Paid ? grand : null, ["parent_id"] = order.EntityId,
            },
            ["status_histories"] = new JsonArray(order.Histories.OrderByDescending(h => h.Id).Select(h => (JsonNode)new JsonObject
            {
                ["entity_id"] = h.Id, ["parent_id"] = order.EntityId, ["comment"] = h.Comment, ["status"] = h.Status, ["created_at"] = Date(h.At),
                ["is_customer_notified"] = 0, ["is_visible_on_front"] = 0, ["entity_name"] = "order",
            }).ToArray()),
            ["extension_attributes"] = new JsonObject
            {
                ["shipping_assignments"] = new JsonArray(new JsonObject
                {
                    ["shipping"] = new JsonObject { ["address"] = address, ["method"] = "flatrate_flatrate", ["total"] = new JsonObject { ["shipping_amount"] = 5m } },
                    ["items"] = items.DeepClone(),
                }),
            },
            ["has_shipments"] = shipped ? 1 : null,
        };
        foreach (var edit in order.JsonEdits)
        {
            edit(rendered);
        }

        return rendered;
    }

    private static JsonObject ItemJson(EmuOrder order, EmuItem item) => new()
    {
        ["item_id"] = item.ItemId,
        ["order_id"] = order.EntityId,
        ["parent_item_id"] = item.ParentItemId,
        ["sku"] = item.Sku,
        ["name"] = item.Name,
        ["product_id"] = item.ProductId,
        ["product_type"] = item.ProductType,
        ["qty_ordered"] = item.QtyOrdered,
        ["qty_shipped"] = item.QtyShipped,
        ["qty_canceled"] = item.QtyCanceled,
        ["qty_refunded"] = item.QtyRefunded,
        ["qty_invoiced"] = order.Paid ? item.QtyOrdered : 0,
        ["price"] = item.Price,
        ["base_price"] = item.Price,
        ["row_total"] = item.Price * item.QtyOrdered,
        ["store_id"] = order.StoreId,
        ["created_at"] = Date(order.CreatedAt),
        ["updated_at"] = Date(order.UpdatedAt),
        ["is_virtual"] = 0,
    };

    private static JsonObject ShipmentJson(EmuShipment shipment) => new()
    {
        ["entity_id"] = shipment.EntityId,
        ["order_id"] = shipment.OrderId,
        ["increment_id"] = (100000000 + shipment.EntityId).ToString(CultureInfo.InvariantCulture),
        ["created_at"] = Date(shipment.CreatedAt),
        ["updated_at"] = Date(shipment.CreatedAt),
        ["total_qty"] = shipment.Items.Sum(i => i.Qty),
        ["items"] = new JsonArray(shipment.Items.Select(i => (JsonNode)new JsonObject
        {
            ["order_item_id"] = i.OrderItemId, ["qty"] = i.Qty, ["sku"] = i.Sku, ["parent_id"] = shipment.EntityId,
        }).ToArray()),
        ["tracks"] = new JsonArray(shipment.Tracks.Select(t => (JsonNode)new JsonObject
        {
            ["track_number"] = t.Number, ["title"] = t.Title, ["carrier_code"] = t.Carrier, ["order_id"] = shipment.OrderId, ["parent_id"] = shipment.EntityId,
            ["weight"] = null, ["qty"] = null, ["description"] = null,
        }).ToArray()),
        ["comments"] = new JsonArray(shipment.Comments.Select(c => (JsonNode)new JsonObject
        {
            ["comment"] = c, ["is_customer_notified"] = null, ["is_visible_on_front"] = 0, ["parent_id"] = shipment.EntityId,
        }).ToArray()),
        ["packages"] = new JsonArray(),
    };

    private static string Date(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
