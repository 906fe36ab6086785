using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Connectors.Testing.Shopify.Internal;

/// <summary>
/// The emulator's state and its answers to the Admin GraphQL operations the Shopify connector uses. Responses are
/// built from the documented schema shapes (a superset of what a selection asks for), never from the client's types.
/// </summary>
internal sealed partial class EmulatorGraph
{
    private readonly object _gate = new();
    private readonly TimeProvider _time;
    private readonly List<EmuVariant> _variants = [];
    private readonly HashSet<long> _inventoryItems = [];
    private readonly Dictionary<long, string> _locations = [];
    private readonly Dictionary<(long Item, long Location), int> _levels = [];
    private readonly List<EmuOrder> _orders = [];
    private readonly Dictionary<string, JsonObject> _idempotentResults = new(StringComparer.Ordinal);
    private readonly List<(string Topic, string Uri)> _subscriptions = [];
    // Ids start above 2^53 so a client that reads them as double loses digits and fails.
    private long _nextId = 9_007_199_254_740_993;

    public EmulatorGraph(TimeProvider time)
    {
        _time = time;
    }

    public long NextId() => Interlocked.Increment(ref _nextId);

    public IReadOnlyList<(string Topic, string Uri)> Subscriptions
    {
        get
        {
            lock (_gate)
            {
                return [.. _subscriptions];
            }
        }
    }

    public static string Gid(string type, long id) => "gid://shopify/" + type + "/" + id.ToString(CultureInfo.InvariantCulture);

    private static long? ParseGid(JsonNode? node, string type)
    {
        var value = node?.GetValue<string>();
        var prefix = "gid://shopify/" + type + "/";
        return value is not null && value.StartsWith(prefix, StringComparison.Ordinal)
            && long.TryParse(value.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
    }

    // ---------------- state API ----------------

    public long AddLocation(string name)
    {
        lock (_gate)
        {
            var id = NextId();
            _locations[id] = name;
            return id;
        }
    }

    public void ChangeVariant(long variantId, Action<EmuVariant> change)
    {
        lock (_gate)
        {
            change(_variants.First(v => v.Id == variantId));
        }
    }

    public EmuVariant AddVariant(string sku, string title, long? locationId, int available)
    {
        lock (_gate)
        {
            var variant = new EmuVariant { Id = NextId(), ProductId = NextId(), InventoryItemId = NextId(), Sku = sku, Title = title };
            _variants.Add(variant);
            _inventoryItems.Add(variant.InventoryItemId);
            foreach (var location in _locations.Keys)
            {
                _levels[(variant.InventoryItemId, location)] = location == locationId ? available : 0;
            }

            return variant;
        }
    }

    public bool SetLevel(long item, long location, int quantity)
    {
        lock (_gate)
        {
            if (!_levels.ContainsKey((item, location)))
            {
                return false;
            }

            _levels[(item, location)] = quantity;
            return true;
        }
    }

    public bool Deactivate(long item, long location)
    {
        lock (_gate)
        {
            return _levels.Remove((item, location));
        }
    }

    public int? GetAvailable(long item, long location)
    {
        lock (_gate)
        {
            return _levels.TryGetValue((item, location), out var q) ? q : null;
        }
    }

    public EmuOrder CreateOrder(IReadOnlyList<ShopifyEmulatorLine> lines, string currency, string? email)
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            var order = new EmuOrder
            {
                Id = NextId(),
                Name = "#" + (1000 + _orders.Count + 1).ToString(CultureInfo.InvariantCulture),
                CreatedAt = now,
                UpdatedAt = now,
                Currency = currency,
                Email = email,
            };
            // Shopify splits an order into one fulfilment order per assigned location; lines that need no shipping get none.
            var first = _locations.Keys.FirstOrDefault();
            foreach (var line in lines)
            {
                var variant = _variants.FirstOrDefault(v => v.Sku == line.Sku)
                    ?? throw new ArgumentException($"No variant has SKU '{line.Sku}'.", nameof(lines));
                var emuLine = new EmuLine
                {
                    Id = NextId(), Variant = variant, Sku = variant.Sku, Quantity = line.Quantity, Price = line.UnitPrice,
                    RequiresShipping = line.RequiresShipping, Removed = line.RemovedQuantity,
                };
                order.Lines.Add(emuLine);
                if (!line.RequiresShipping || emuLine.Current <= 0)
                {
                    continue;
                }

                var location = line.LocationId is { } gid ? long.Parse(gid.AsSpan(gid.LastIndexOf('/') + 1), NumberStyles.None, CultureInfo.InvariantCulture) : first;
                var fo = order.FulfillmentOrders.FirstOrDefault(f => f.LocationId == location);
                if (fo is null)
                {
                    fo = new EmuFulfillmentOrder { Id = NextId(), LocationId = location, UpdatedAt = now };
                    order.FulfillmentOrders.Add(fo);
                }

                fo.Lines.Add(new EmuFulfillmentOrderLine { Id = NextId(), Line = emuLine, Total = emuLine.Current, Remaining = emuLine.Current });
            }
            CommitStock(order);
            _orders.Add(order);
            return order;
        }
    }

    public EmuOrder? FindOrder(long id)
    {
        lock (_gate)
        {
            return _orders.FirstOrDefault(o => o.Id == id);
        }
    }

    /// <summary>
    /// fulfillmentOrderMove with line items: "Changes the location which is assigned to fulfill a number of unfulfilled
    /// fulfillment order line items"; the moved units get a new fulfilment order at the new location, the original keeps the rest.
    /// </summary>
    public void MoveLine(EmuOrder order, string sku, int quantity, long location)
    {
        lock (_gate)
        {
            var (from, line) = order.FulfillmentOrders
                .SelectMany(f => f.Lines.Select(l => (Fo: f, Line: l)))
                .FirstOrDefault(x => x.Line.Line.Sku == sku && x.Line.Remaining >= quantity && x.Fo.LocationId != location);
            if (line is null || quantity <= 0)
            {
                throw new ArgumentException($"No fulfilment order of the order has {quantity} unfulfilled units of '{sku}' at another location.", nameof(quantity));
            }

            line.Total -= quantity;
            line.Remaining -= quantity;
            var now = _time.GetUtcNow();
            var moved = new EmuFulfillmentOrder { Id = NextId(), LocationId = location, UpdatedAt = now };
            moved.Lines.Add(new EmuFulfillmentOrderLine { Id = NextId(), Line = line.Line, Total = quantity, Remaining = quantity });
            order.FulfillmentOrders.Add(moved);
            from.UpdatedAt = now;
            order.UpdatedAt = now;
        }
    }

    /// <summary>
    /// The merchant (or another app) fulfils units of a line in Shopify: a fulfilment from the first fulfilment order
    /// that can be fulfilled and has the units left, as <c>fulfillmentCreate</c> would make it.
    /// </summary>
    public void FulfillLine(EmuOrder order, string sku, int quantity)
    {
        lock (_gate)
        {
            var (fo, line) = order.FulfillmentOrders
                .Where(f => SupportedActions(f).Contains("CREATE_FULFILLMENT"))
                .SelectMany(f => f.Lines.Select(l => (Fo: f, Line: l)))
                .FirstOrDefault(x => x.Line.Line.Sku == sku && x.Line.Remaining >= quantity);
            if (line is null || quantity <= 0)
            {
                throw new ArgumentException($"No fulfilment order of the order can fulfil {quantity} units of '{sku}'.", nameof(quantity));
            }

            var now = _time.GetUtcNow();
            line.Remaining -= quantity;
            var fulfillment = new EmuFulfillment { Id = NextId(), CreatedAt = now, LocationId = fo.LocationId };
            fulfillment.Lines.Add((line.Line, quantity, NextId()));
            fo.Status = fo.Lines.All(l => l.Remaining == 0) ? "CLOSED" : "IN_PROGRESS";
            fo.UpdatedAt = now;
            order.Fulfillments.Add(fulfillment);
            order.UpdatedAt = now;
        }
    }

    public EmuOrder? FindOrderWithReturn(long returnId)
    {
        lock (_gate)
        {
            return _orders.FirstOrDefault(o => o.Returns.Any(r => r.Id == returnId));
        }
    }

    public void Touch(EmuOrder order, Action<EmuOrder> change)
    {
        lock (_gate)
        {
            change(order);
            order.UpdatedAt = _time.GetUtcNow();
        }
    }

    /// <summary>
    /// A return of the lines, its lines spread over <paramref name="reverseFulfillmentOrders"/> reverse fulfilment orders
    /// (schema, ReverseFulfillmentOrder: "There can be more than one reverse fulfillment order for a return at a given location.").
    /// </summary>
    public EmuReturn RequestReturn(EmuOrder order, IReadOnlyList<(long LineId, int Quantity)> lines, string status = "OPEN", int reverseFulfillmentOrders = 1)
    {
        lock (_gate)
        {
            var ret = new EmuReturn { Id = NextId(), CreatedAt = _time.GetUtcNow(), Status = status };
            for (var i = 0; i < Math.Max(1, reverseFulfillmentOrders); i++)
            {
                ret.ReverseFulfillmentOrderIds.Add(NextId());
            }

            for (var i = 0; i < lines.Count; i++)
            {
                var line = order.Lines.First(l => l.Id == lines[i].LineId);
                ret.Lines.Add(new EmuReturnLine
                {
                    Id = NextId(), Line = line, Quantity = lines[i].Quantity, FulfillmentLineItemId = NextId(), ReverseLineId = NextId(),
                    ReverseFulfillmentOrderId = ret.ReverseFulfillmentOrderIds[i % ret.ReverseFulfillmentOrderIds.Count],
                });
            }

            order.Returns.Add(ret);
            order.UpdatedAt = _time.GetUtcNow();
            return ret;
        }
    }

    // ---------------- dispatch ----------------

    /// <summary>Answers one operation; returns the <c>data</c> object or top-level errors.</summary>
    public (JsonObject? Data, JsonArray? Errors) Execute(string version, string query, JsonObject variables)
    {
        var (root, args) = RootField(query, variables);
        lock (_gate)
        {
            return root switch
            {
                "productVariants" => (Wrap(root, ProductVariants(args)), null),
                "locations" => (Wrap(root, Locations(args)), null),
                "inventoryItems" => (Wrap(root, InventoryItems(args, query, variables)), null),
                "nodes" => (Wrap(root, AsksForVariants(query) ? VariantNodes(args, query, variables) : Nodes(args, query, variables)), null),
                "inventorySetQuantities" => InventorySetQuantities(version, query, args, variables),
                "inventoryActivate" => InventoryActivate(version, query, args, variables),
                "orders" => (Wrap(root, Orders(args, query, variables)), null),
                "order" => (Wrap(root, ParseGid(args["id"], "Order") is { } oid && _orders.FirstOrDefault(o => o.Id == oid) is { } order ? OrderJson(order, query, variables) : null), null),
                "fulfillmentOrder" => (Wrap(root, FindFulfillmentOrder(args["id"]) is { } found ? FulfillmentOrderJson(found.Order, found.Fo, query, variables) : null), null),
                "return" => (Wrap(root, ReturnById(args["id"], query, variables)), null),
                "reverseFulfillmentOrder" => (Wrap(root, ReverseFulfillmentOrderById(args["id"], query, variables)), null),
                "fulfillment" => (Wrap(root, ParseGid(args["id"], "Fulfillment") is { } fid && _orders.SelectMany(o => o.Fulfillments).FirstOrDefault(f => f.Id == fid) is { } ful ? FulfillmentJson(ful, query, variables) : null), null),
                "shop" => (Wrap(root, Shop()), null),
                "fulfillmentServiceCreate" => (Wrap(root, FulfillmentServiceCreate(args)), null),
                "assignedFulfillmentOrders" => (Wrap(root, AssignedFulfillmentOrders(args, query, variables)), null),
                "fulfillmentOrderAcceptFulfillmentRequest" => (Wrap(root, AnswerRequest(args, "SUBMITTED", "ACCEPTED", "IN_PROGRESS", "accept a fulfillment request")), null),
                "fulfillmentOrderRejectFulfillmentRequest" => (Wrap(root, AnswerRequest(args, "SUBMITTED", "REJECTED", "OPEN", "reject a fulfillment request")), null),
                "fulfillmentOrderAcceptCancellationRequest" => (Wrap(root, AnswerRequest(args, "CANCELLATION_REQUESTED", "CANCELLATION_ACCEPTED", "CLOSED", "accept a cancellation request")), null),
                "fulfillmentOrderRejectCancellationRequest" => (Wrap(root, AnswerRequest(args, "CANCELLATION_REQUESTED", "CANCELLATION_REJECTED", "IN_PROGRESS", "reject a cancellation request")), null),
                "tagsAdd" => (Wrap(root, TagsAdd(args)), null),
                "metafieldsSet" => (Wrap(root, MetafieldsSet(args)), null),
                "fulfillmentCreate" => (Wrap(root, FulfillmentCreate(args)), null),
                "fulfillmentTrackingInfoUpdate" => (Wrap(root, TrackingUpdate(args)), null),
                "returnProcess" => (Wrap(root, ReturnProcess(args)), null),
                "returnApproveRequest" => (Wrap(root, ReturnApproveRequest(args)), null),
                "fulfillmentOrderOpen" => (Wrap(root, FulfillmentOrderOpen(args, query, variables)), null),
                "fulfillmentOrderMove" => (Wrap(root, FulfillmentOrderMove(args, query, variables)), null),
                "webhookSubscriptionCreate" => (Wrap(root, WebhookSubscriptionCreate(args)), null),
                "productVariantsBulkUpdate" => (Wrap(root, ProductVariantsBulkUpdate(args)), null),
                "product" => (Wrap(root, ProductById(args, query, variables)), null),
                "productUpdate" => (Wrap(root, ProductUpdate(args, query, variables)), null),
                _ => (null, Error($"Field '{root}' doesn't exist on type 'QueryRoot' in this emulator.", "undefinedField")),
            };
        }
    }

    private static JsonObject Wrap(string name, JsonNode? value) => new() { [name] = value };

    public static JsonArray Error(string message, string code) =>
        [new JsonObject { ["message"] = message, ["extensions"] = new JsonObject { ["code"] = code } }];

    private static JsonObject UserErrors(JsonObject payload, JsonArray errors)
    {
        payload["userErrors"] = errors;
        return payload;
    }

    private static JsonObject UserError(IEnumerable<string> field, string message, string? code = null)
    {
        var error = new JsonObject { ["field"] = new JsonArray([.. field.Select(f => (JsonNode?)JsonValue.Create(f))]), ["message"] = message };
        if (code is not null)
        {
            error["code"] = code;
        }

        return error;
    }

    // ---------------- catalog and inventory ----------------

    private static (int First, int Offset) Page(JsonObject args)
    {
        var first = args["first"] is JsonValue f && f.TryGetValue<int>(out var n) ? n : 0;
        if (first is < 1 or > 250)
        {
            throw new EmulatorException("first must be between 1 and 250.", "BAD_REQUEST");
        }

        var after = args["after"]?.GetValue<string>();
        var offset = after is null ? 0 : int.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(after)), CultureInfo.InvariantCulture);
        return (first, offset);
    }

    private static JsonObject Connection<T>(IReadOnlyList<T> all, JsonObject args, Func<T, JsonNode> map)
    {
        var (first, offset) = Page(args);
        var page = all.Skip(offset).Take(first).ToList();
        var end = offset + page.Count;
        return new JsonObject
        {
            ["pageInfo"] = new JsonObject
            {
                ["hasNextPage"] = end < all.Count,
                ["hasPreviousPage"] = offset > 0,
                ["endCursor"] = page.Count == 0 ? null : Convert.ToBase64String(Encoding.UTF8.GetBytes(end.ToString(CultureInfo.InvariantCulture))),
            },
            ["nodes"] = new JsonArray([.. page.Select(map)]),
        };
    }

    /// <summary>
    /// productVariants, filtered by the <c>sku:</c> terms of <c>query</c> when given (a bare or double-quoted value,
    /// backslash escapes; terms joined with OR). Assumption: exact SKU equality (Shopify's search syntax may match
    /// tokens more loosely); other search fields are not supported and match nothing.
    /// </summary>
    private JsonObject ProductVariants(JsonObject args)
    {
        IReadOnlyList<EmuVariant> variants = _variants;
        if (args["query"]?.GetValue<string>() is { Length: > 0 } search)
        {
            var skus = SkuTerms().Matches(search)
                .Select(m => m.Groups[1].Success ? Regex.Replace(m.Groups[1].Value, @"\\(.)", "$1") : m.Groups[2].Value)
                .ToHashSet(StringComparer.Ordinal);
            variants = [.. _variants.Where(v => skus.Contains(v.Sku))];
        }

        return Connection(variants, args, VariantJson);
    }

    [GeneratedRegex("""sku:(?:"((?:[^"\\]|\\.)*)"|([^\s"]+))""")]
    private static partial Regex SkuTerms();

    // inventoryQuantity: the variant's available quantity summed over the locations stocking it (the schema's "total sellable quantity").
    private JsonObject VariantJson(EmuVariant v) => new()
    {
        ["id"] = Gid("ProductVariant", v.Id),
        ["legacyResourceId"] = v.Id.ToString(CultureInfo.InvariantCulture),
        ["sku"] = v.Sku,
        ["title"] = v.Title,
        ["displayName"] = "Product " + v.Sku + " - " + v.Title,
        ["inventoryQuantity"] = _levels.Where(l => l.Key.Item == v.InventoryItemId).Sum(l => l.Value),
        ["inventoryPolicy"] = v.InventoryPolicy,
        ["price"] = EmulatorMoney.Format(v.Price, ShopCurrency),
        ["compareAtPrice"] = v.CompareAtPrice is { } was ? EmulatorMoney.Format(was, ShopCurrency) : null,
        ["product"] = new JsonObject { ["id"] = Gid("Product", v.ProductId), ["status"] = v.ProductStatus },
        ["inventoryItem"] = new JsonObject { ["id"] = Gid("InventoryItem", v.InventoryItemId), ["tracked"] = v.Tracked },
    };

    private JsonObject Locations(JsonObject args) => Connection(_locations.ToList(), args, l => new JsonObject
    {
        ["id"] = Gid("Location", l.Key),
        ["name"] = l.Value,
        ["isActive"] = true,
    });

    private JsonObject InventoryItems(JsonObject args, string query, JsonObject variables) =>
        Connection(_variants, args, v => InventoryItemJson(v.InventoryItemId, query, variables));

    private JsonArray Nodes(JsonObject args, string query, JsonObject variables)
    {
        var result = new JsonArray();
        foreach (var id in args["ids"]?.AsArray() ?? [])
        {
            var item = ParseGid(id, "InventoryItem");
            result.Add(item is { } i && _inventoryItems.Contains(i) ? InventoryItemJson(i, query, variables) : null);
        }

        return result;
    }

    private JsonObject InventoryItemJson(long item, string query, JsonObject variables)
    {
        var levels = new List<JsonObject>();
        foreach (var ((levelItem, location), quantity) in _levels)
        {
            if (levelItem != item)
            {
                continue;
            }

            levels.Add(new JsonObject
            {
                ["id"] = $"gid://shopify/InventoryLevel/{location}?inventory_item_id={item}",
                ["location"] = new JsonObject { ["id"] = Gid("Location", location) },
                ["quantities"] = new JsonArray(
                    new JsonObject { ["name"] = "available", ["quantity"] = quantity },
                    new JsonObject { ["name"] = "on_hand", ["quantity"] = quantity + _committed.GetValueOrDefault((item, location)) }),
            });
        }

        return new JsonObject
        {
            ["id"] = Gid("InventoryItem", item),
            ["tracked"] = true,
            ["inventoryLevels"] = Paged(levels, NestedPage(query, "inventoryLevels", variables, 250), l => l),
        };
    }

    private static readonly HashSet<string> Reasons = new(StringComparer.Ordinal)
    {
        "correction", "cycle_count_available", "damaged", "movement_created", "movement_updated", "movement_received",
        "movement_canceled", "other", "promotion", "quality_control", "received", "reservation_created",
        "reservation_deleted", "reservation_updated", "restock", "safety_stock", "shrinkage",
    };

    private (JsonObject? Data, JsonArray? Errors) InventorySetQuantities(string version, string query, JsonObject args, JsonObject variables)
    {
        var key = IdempotencyKey(query, variables);
        if (key is null && string.CompareOrdinal(version, "2026-04") >= 0)
        {
            return (null, Error("The @idempotent directive is required for this mutation.", "BAD_REQUEST"));
        }

        if (key is not null && _idempotentResults.TryGetValue(key, out var previous))
        {
            return (Wrap("inventorySetQuantities", previous.DeepClone()), null);
        }

        var input = args["input"] as JsonObject ?? throw new EmulatorException("input is required.", "BAD_REQUEST");
        var errors = new JsonArray();
        var name = input["name"]?.GetValue<string>();
        if (name is not ("available" or "on_hand"))
        {
            errors.Add(UserError(["input", "name"], "The quantity name must be either 'available' or 'on_hand'.", "INVALID_NAME"));
        }

        if (input["reason"]?.GetValue<string>() is not { } reason || !Reasons.Contains(reason))
        {
            errors.Add(UserError(["input", "reason"], "The specified reason is invalid.", "INVALID_REASON"));
        }

        var quantities = input["quantities"]?.AsArray() ?? [];
        if (quantities.Count > 250)
        {
            errors.Add(UserError(["input", "quantities"], "The quantities input can't exceed 250 items.", "INVALID_QUANTITY_INPUT"));
        }

        var changes = new List<(long Item, long Location, int Quantity)>();
        for (var i = 0; i < quantities.Count; i++)
        {
            var q = quantities[i]!.AsObject();
            var index = i.ToString(CultureInfo.InvariantCulture);
            var item = ParseGid(q["inventoryItemId"], "InventoryItem");
            var location = ParseGid(q["locationId"], "Location");
            var quantity = q["quantity"]?.GetValue<int>() ?? 0;
            if (item is null || !_inventoryItems.Contains(item.Value))
            {
                errors.Add(UserError(["input", "quantities", index, "inventoryItemId"], "The specified inventory item could not be found.", "INVALID_INVENTORY_ITEM"));
                continue;
            }

            if (location is null || !_locations.ContainsKey(location.Value))
            {
                errors.Add(UserError(["input", "quantities", index, "locationId"], "The specified location could not be found.", "INVALID_LOCATION"));
                continue;
            }

            // InventorySetQuantitiesUserErrorCode.ITEM_NOT_STOCKED_AT_LOCATION: "The specified inventory item is not
            // stocked at the location." An item is stocked where it has a level (created, activated); the field path
            // (the quantity's locationId) is an assumption.
            if (!_levels.ContainsKey((item.Value, location.Value)))
            {
                errors.Add(UserError(["input", "quantities", index, "locationId"], "The specified inventory item is not stocked at the location.", "ITEM_NOT_STOCKED_AT_LOCATION"));
                continue;
            }

            if (string.CompareOrdinal(version, "2026-04") >= 0 && !q.ContainsKey("changeFromQuantity"))
            {
                errors.Add(UserError(["input", "quantities", index, "changeFromQuantity"], "changeFromQuantity is required (null to skip the check).", "CHANGE_FROM_QUANTITY_REQUIRED"));
                continue;
            }

            if (q["changeFromQuantity"] is JsonValue from && from.TryGetValue<int>(out var expected)
                && (_levels.TryGetValue((item.Value, location.Value), out var current) ? current : 0) != expected)
            {
                errors.Add(UserError(["input", "quantities", index, "changeFromQuantity"], "The specified compare quantity does not match the current quantity.", "CHANGE_FROM_QUANTITY_STALE"));
                continue;
            }

            if (quantity is < -1_000_000_000 or > 1_000_000_000)
            {
                errors.Add(UserError(["input", "quantities", index, "quantity"], "The quantity is out of range.", "INVALID_QUANTITY_TOO_HIGH"));
                continue;
            }

            changes.Add((item.Value, location.Value, quantity));
        }

        JsonObject payload;
        if (errors.Count > 0)
        {
            payload = UserErrors(new JsonObject { ["inventoryAdjustmentGroup"] = null }, errors);
        }
        else
        {
            var changeNodes = new JsonArray();
            foreach (var (item, location, quantity) in changes)
            {
                var before = _levels.TryGetValue((item, location), out var b) ? b : 0;
                _levels[(item, location)] = quantity;
                changeNodes.Add(new JsonObject { ["name"] = "available", ["delta"] = quantity - before, ["quantityAfterChange"] = quantity });
            }

            payload = UserErrors(
                new JsonObject
                {
                    ["inventoryAdjustmentGroup"] = new JsonObject
                    {
                        ["id"] = Gid("InventoryAdjustmentGroup", NextId()),
                        ["createdAt"] = _time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture),
                        ["reason"] = input["reason"]?.GetValue<string>(),
                        ["changes"] = changeNodes,
                    },
                },
                []);
        }

        if (key is not null)
        {
            _idempotentResults[key] = (JsonObject)payload.DeepClone();
        }

        return (Wrap("inventorySetQuantities", payload), null);
    }

    /// <summary>
    /// inventoryActivate: "Activates an inventory item at a location"; "If you don't specify quantities, then available
    /// and onHand default to zero." The @idempotent directive is optional in 2026-01 and required from 2026-04 (as the
    /// mutation's description says), with the first result replayed. Assumptions: activating an item already stocked
    /// there succeeds and leaves its quantity, and the userError fields.
    /// </summary>
    private (JsonObject? Data, JsonArray? Errors) InventoryActivate(string version, string query, JsonObject args, JsonObject variables)
    {
        var key = IdempotencyKey(query, variables);
        if (key is null && string.CompareOrdinal(version, "2026-04") >= 0)
        {
            return (null, Error("The @idempotent directive is required for this mutation.", "BAD_REQUEST"));
        }

        if (key is not null && _idempotentResults.TryGetValue("activate:" + key, out var previous))
        {
            return (Wrap("inventoryActivate", previous.DeepClone()), null);
        }

        var item = ParseGid(args["inventoryItemId"], "InventoryItem");
        var location = ParseGid(args["locationId"], "Location");
        JsonObject payload;
        if (item is null || !_inventoryItems.Contains(item.Value))
        {
            payload = UserErrors(new JsonObject { ["inventoryLevel"] = null }, [UserError(["inventoryItemId"], "The specified inventory item could not be found.")]);
        }
        else if (location is null || !_locations.ContainsKey(location.Value))
        {
            payload = UserErrors(new JsonObject { ["inventoryLevel"] = null }, [UserError(["locationId"], "The specified location could not be found.")]);
        }
        else
        {
            if (!_levels.ContainsKey((item.Value, location.Value)))
            {
                _levels[(item.Value, location.Value)] = args["available"] is JsonValue a && a.TryGetValue<int>(out var available) ? available : 0;
            }

            payload = UserErrors(new JsonObject { ["inventoryLevel"] = new JsonObject { ["id"] = $"gid://shopify/InventoryLevel/{location}?inventory_item_id={item}" } }, []);
        }

        if (key is not null)
        {
            _idempotentResults["activate:" + key] = (JsonObject)payload.DeepClone();
        }

        return (Wrap("inventoryActivate", payload), null);
    }

    private static string? IdempotencyKey(string query, JsonObject variables)
    {
        var match = IdempotentDirective().Match(query);
        if (!match.Success)
        {
            return null;
        }

        var token = match.Groups[1].Value;
        return token.StartsWith('$') ? variables[token[1..]]?.GetValue<string>() : token.Trim('"');
    }

    [GeneratedRegex("""@idempotent\s*\(\s*key\s*:\s*(\$\w+|"[^"]*")\s*\)""")]
    private static partial Regex IdempotentDirective();
}
