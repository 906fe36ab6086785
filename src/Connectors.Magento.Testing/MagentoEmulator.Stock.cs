using System.Globalization;
using System.Text.Json.Nodes;
using Connectors.Testing.Magento.Internal;

namespace Connectors.Testing.Magento;

/// <summary>
/// Legacy stock items (CatalogInventory, <c>/V1/stockItems</c>) and the asynchronous bulk API
/// (<c>/async/bulk/V1/...</c>, <c>/V1/bulk/{uuid}/status</c>) with its queue consumers.
/// </summary>
public sealed partial class MagentoEmulator
{
    /// <summary>Operation status <c>OperationInterface::STATUS_TYPE_COMPLETE</c>.</summary>
    private const int OperationComplete = 1;

    /// <summary><c>STATUS_TYPE_NOT_RETRIABLY_FAILED</c>.</summary>
    private const int OperationFailed = 3;

    /// <summary><c>STATUS_TYPE_OPEN</c>.</summary>
    private const int OperationOpen = 4;

    private readonly Dictionary<string, (long ItemId, decimal Qty, bool InStock)> _legacyStock = new(StringComparer.Ordinal);
    private readonly List<EmuBulk> _bulks = [];
    private long _nextStockItemId = 1;

    /// <summary>
    /// Whether Multi-Source Inventory is installed. Default <see langword="true"/>. When <see langword="false"/>,
    /// <c>/V1/inventory/...</c> does not exist, a product's stock is its legacy stock item (quantity and in-stock flag) and an
    /// order placed decrements it at once (there are no reservations); a cancellation puts it back. With MSI the legacy
    /// endpoints read and write the default source, as MSI's legacy stock synchronisation does.
    /// </summary>
    public bool MsiEnabled { get; set; } = true;

    /// <summary>Whether the <c>async.operations.all</c> consumers run. Default <see langword="true"/>.</summary>
    public bool BulkConsumersRunning { get; set; } = true;

    /// <summary>How long after it was queued a bulk operation is picked up by a running consumer. Default zero.</summary>
    public TimeSpan BulkProcessingDelay { get; set; }

    /// <summary>Bulk operations queued and not processed yet.</summary>
    public int OpenBulkOperations
    {
        get
        {
            lock (_gate)
            {
                ProcessBulksLocked();
                return _bulks.Sum(b => b.Operations.Count(o => o.Status == OperationOpen));
            }
        }
    }

    /// <summary>A product's legacy stock item (MSI disabled), or null when it has none.</summary>
    /// <param name="sku">The SKU.</param>
    /// <returns>Quantity and in-stock flag.</returns>
    public (decimal Qty, bool InStock)? GetLegacyStock(string sku)
    {
        lock (_gate)
        {
            return _legacyStock.TryGetValue(sku, out var item) ? (item.Qty, item.InStock) : null;
        }
    }

    /// <summary>Sets a product's legacy stock item as an admin would (MSI disabled).</summary>
    /// <param name="sku">The SKU.</param>
    /// <param name="qty">The quantity.</param>
    public void SetLegacyStock(string sku, decimal qty)
    {
        lock (_gate)
        {
            _legacyStock[sku] = (LegacyItemId(sku), qty, qty > 0);
        }
    }

    /// <summary>Runs the bulk consumers now over every queued operation, whatever <see cref="BulkProcessingDelay"/> says.</summary>
    public void ProcessBulkQueue()
    {
        lock (_gate)
        {
            ProcessBulksLocked(force: true);
        }
    }

    private long LegacyItemId(string sku) => _legacyStock.TryGetValue(sku, out var item) ? item.ItemId : _nextStockItemId++;

    /// <summary>Legacy checkout: the ordered quantity leaves the stock item at once; a cancellation brings it back.</summary>
    private void LegacyAdjust(string sku, decimal delta)
    {
        var item = _legacyStock.TryGetValue(sku, out var found) ? found : (ItemId: LegacyItemId(sku), Qty: 0m, InStock: false);
        var qty = item.Qty + delta;
        _legacyStock[sku] = (item.ItemId, qty, qty > 0);
    }

    private Answer? RouteStock(string method, string path, string[] segments, List<KeyValuePair<string, string>> query, JsonNode? body)
    {
        switch (method, segments.Length > 1 ? segments[1] : string.Empty)
        {
            case ("GET", "stockItems") when segments.Length == 3 && segments[2] != "lowStock":
                return GetStockItem(Uri.UnescapeDataString(segments[2]));
            case ("PUT", "products") when segments.Length == 5 && segments[3] == "stockItems":
                return UpdateStockItem(Uri.UnescapeDataString(segments[2]), body);
            case ("GET", "bulk") when segments.Length == 4 && segments[3] == "status":
                return BulkStatus(segments[2]);
            default:
                return null;
        }
    }

    private Answer GetStockItem(string sku)
    {
        if (!_products.TryGetValue(sku, out var product))
        {
            return Answer.Error(404, "The Product with the \"%1\" SKU doesn't exist.", new JsonArray(sku));
        }

        decimal qty;
        bool inStock;
        long itemId;
        if (MsiEnabled)
        {
            var source = _sourceItems.TryGetValue((sku, "default"), out var si) ? si : (Quantity: 0m, Status: 0);
            (qty, inStock) = (source.Quantity, source.Status == 1);
            itemId = LegacyItemId(sku);
            _legacyStock[sku] = (itemId, qty, inStock);
        }
        else
        {
            var item = _legacyStock.TryGetValue(sku, out var found) ? found : (LegacyItemId(sku), 0m, false);
            _legacyStock[sku] = item;
            (itemId, qty, inStock) = item;
        }

        return Answer.Json(StockItemJson(product.Id, itemId, qty, inStock));
    }

    /// <summary><c>cataloginventory-data-stock-item-interface</c> with the store's default settings.</summary>
    private static JsonObject StockItemJson(long productId, long itemId, decimal qty, bool inStock) => new()
        {
            ["item_id"] = itemId, ["product_id"] = productId, ["stock_id"] = 1, ["qty"] = qty, ["is_in_stock"] = inStock, ["is_qty_decimal"] = false,
            ["show_default_notification_message"] = false, ["use_config_min_qty"] = true, ["min_qty"] = 0, ["use_config_min_sale_qty"] = 1, ["min_sale_qty"] = 1,
            ["use_config_max_sale_qty"] = true, ["max_sale_qty"] = 10000, ["use_config_backorders"] = true, ["backorders"] = 0, ["use_config_notify_stock_qty"] = true,
            ["notify_stock_qty"] = 1, ["use_config_qty_increments"] = true, ["qty_increments"] = 0, ["use_config_enable_qty_inc"] = true, ["enable_qty_increments"] = false,
            ["use_config_manage_stock"] = true, ["manage_stock"] = true, ["low_stock_date"] = null, ["is_decimal_divided"] = false, ["stock_status_changed_auto"] = 0,
        };

    /// <summary>PUT /V1/products/{sku}/stockItems/{itemId} (<c>StockRegistryInterface::updateStockItemBySku</c>).</summary>
    private Answer UpdateStockItem(string sku, JsonNode? body)
    {
        if (body?["stockItem"] is not JsonObject stockItem)
        {
            return Answer.Required("stockItem");
        }

        if (!_products.ContainsKey(sku))
        {
            return Answer.Error(404, "The Product with the \"%1\" SKU doesn't exist.", new JsonArray(sku));
        }

        if (stockItem["qty"] is not JsonValue q || !q.TryGetValue<decimal>(out var qty))
        {
            return Answer.Error(400, "\"%fieldName\" is required. Enter and try again.", new JsonObject { ["fieldName"] = "qty" });
        }

        var inStock = stockItem["is_in_stock"] is JsonValue s && s.TryGetValue<bool>(out var flag) ? flag : qty > 0;
        var itemId = LegacyItemId(sku);
        _legacyStock[sku] = (itemId, qty, inStock && qty > 0);
        if (MsiEnabled)
        {
            _sourceItems[(sku, "default")] = (qty, inStock && qty > 0 ? 1 : 0);
        }

        return Answer.Json(JsonValue.Create(itemId));
    }

    /// <summary>
    /// POST /async/bulk/V1/{path}: the body is an array of the synchronous request's bodies; each becomes one operation of a
    /// new bulk, accepted after a check of its shape and queued for the consumers.
    /// </summary>
    private Answer AsyncBulk(string method, string path, JsonNode? body)
    {
        if (method != "POST" || path != "/V1/inventory/source-items" || !MsiEnabled)
        {
            return Answer.Error(404, "Request does not match any route.");
        }

        if (body is not JsonArray requests || requests.Count == 0)
        {
            return Answer.Error(400, "Request body is expected to be an array of requests.");
        }

        var bulk = new EmuBulk { Uuid = Guid.NewGuid().ToString(), QueuedAt = _time.GetUtcNow() };
        var items = new JsonArray();
        for (var i = 0; i < requests.Count; i++)
        {
            var accepted = requests[i] is JsonObject one && one["sourceItems"] is JsonArray;
            bulk.Operations.Add(new EmuBulkOperation { Id = i, Payload = requests[i]?.DeepClone(), Status = accepted ? OperationOpen : 5, Message = accepted ? string.Empty : "Request is rejected." });
            items.Add(new JsonObject { ["id"] = i, ["data_hash"] = null, ["status"] = accepted ? "accepted" : "rejected" });
        }

        _bulks.Add(bulk);
        return Answer.Json(new JsonObject { ["bulk_uuid"] = bulk.Uuid, ["request_items"] = items, ["errors"] = bulk.Operations.Any(o => o.Status != OperationOpen) });
    }

    private Answer BulkStatus(string uuid)
    {
        ProcessBulksLocked();
        var bulk = _bulks.FirstOrDefault(b => b.Uuid == uuid);
        if (bulk is null)
        {
            return Answer.Error(400, "Bulk uuid %bulkUuid not exist", new JsonObject { ["bulkUuid"] = uuid });
        }

        return Answer.Json(new JsonObject
        {
            ["bulk_id"] = bulk.Uuid, ["description"] = "Topic async.magento.inventoryapi.api.sourceitemssaveinterface.execute.post", ["start_time"] = Date(bulk.QueuedAt),
            ["user_id"] = 1, ["user_type"] = 2, ["operation_count"] = bulk.Operations.Count,
            ["operations_list"] = new JsonArray(bulk.Operations.Select(o => (JsonNode)new JsonObject
            {
                ["id"] = o.Id, ["status"] = o.Status, ["result_message"] = o.Message, ["error_code"] = o.Status == OperationFailed ? 0 : null,
            }).ToArray()),
        });
    }

    /// <summary>The consumers: each open operation old enough is run as its synchronous request would be.</summary>
    private void ProcessBulksLocked(bool force = false)
    {
        if (!BulkConsumersRunning && !force)
        {
            return;
        }

        var now = _time.GetUtcNow();
        foreach (var bulk in _bulks.Where(b => force || now - b.QueuedAt >= BulkProcessingDelay))
        {
            foreach (var operation in bulk.Operations.Where(o => o.Status == OperationOpen))
            {
                var answer = SaveSourceItems(operation.Payload);
                operation.Status = answer.Status == 200 ? OperationComplete : OperationFailed;
                operation.Message = answer.Status == 200 ? "Service execution success Magento\\InventoryApi\\Api\\SourceItemsSaveInterface\\Interceptor::execute" : Rendered(answer.Body);
            }
        }
    }

    /// <summary>An error body as the consumer logs it in <c>result_message</c>: the message and its errors' messages, parameters filled in.</summary>
    private static string Rendered(JsonNode? error)
    {
        static string Fill(JsonNode? node)
        {
            var text = node?["message"]?.GetValue<string>() ?? string.Empty;
            if (node?["parameters"] is JsonObject named)
            {
                foreach (var (key, value) in named)
                {
                    text = text.Replace("%" + key, value?.ToString(), StringComparison.Ordinal);
                }
            }

            return text;
        }

        var parts = new List<string> { Fill(error) };
        parts.AddRange((error?["errors"] as JsonArray ?? []).Select(Fill));
        return string.Join(" ", parts);
    }

    private sealed class EmuBulk
    {
        public required string Uuid { get; init; }

        public DateTimeOffset QueuedAt { get; init; }

        public List<EmuBulkOperation> Operations { get; } = [];
    }

    private sealed class EmuBulkOperation
    {
        public int Id { get; init; }

        public JsonNode? Payload { get; init; }

        public int Status { get; set; }

        public string Message { get; set; } = string.Empty;
    }
}
