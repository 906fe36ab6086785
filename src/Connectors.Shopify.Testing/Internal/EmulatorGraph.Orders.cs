using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Connectors.Testing.Shopify.Internal;

internal sealed partial class EmulatorGraph
{
    private JsonObject Orders(JsonObject args, string query, JsonObject variables)
    {
        IEnumerable<EmuOrder> orders = _orders;
        var search = args["query"]?.GetValue<string>() ?? string.Empty;
        var match = UpdatedAtFilter().Match(search);
        if (match.Success)
        {
            var since = DateTimeOffset.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            orders = orders.Where(o => o.UpdatedAt >= since);
        }

        var sortKey = args["sortKey"]?.GetValue<string>();
        var sorted = sortKey == "UPDATED_AT" ? orders.OrderBy(o => o.UpdatedAt).ThenBy(o => o.Id).ToList() : orders.OrderBy(o => o.Id).ToList();
        return Connection(sorted, args, o => OrderJson(o, query, variables));
    }

    [GeneratedRegex("updated_at:>=\\s*'?([0-9T:\\-.Z+]+)'?")]
    private static partial Regex UpdatedAtFilter();

    private static int NestedFirst(string query, string field, JsonObject variables, int fallback)
    {
        var match = Regex.Match(query, "(?<![A-Za-z_])" + field + @"\s*\([^)]*?first\s*:\s*(\$\w+|\d+)");
        if (!match.Success)
        {
            return fallback;
        }

        var token = match.Groups[1].Value;
        return token.StartsWith('$')
            ? (variables[token[1..]] is JsonValue v && v.TryGetValue<int>(out var n) ? n : fallback)
            : int.Parse(token, CultureInfo.InvariantCulture);
    }

    /// <summary>The first/after of the first <paramref name="field"/>(first:, after:) selection in the document.</summary>
    private static (int First, int Offset) NestedPage(string query, string field, JsonObject variables, int fallback)
    {
        var first = NestedFirst(query, field, variables, fallback);
        var match = Regex.Match(query, "(?<![A-Za-z_])" + field + @"\s*\([^)]*after\s*:\s*(\$\w+)");
        var after = match.Success ? variables[match.Groups[1].Value[1..]]?.GetValue<string>() : null;
        var offset = after is null ? 0 : int.Parse(System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(after)), CultureInfo.InvariantCulture);
        return (first, offset);
    }

    private static JsonObject Paged<T>(IReadOnlyList<T> all, (int First, int Offset) page, Func<T, JsonNode> map)
    {
        var items = all.Skip(page.Offset).Take(page.First).ToList();
        var end = page.Offset + items.Count;
        return new JsonObject
        {
            ["pageInfo"] = new JsonObject
            {
                ["hasNextPage"] = end < all.Count,
                ["endCursor"] = items.Count == 0 ? null : Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(end.ToString(CultureInfo.InvariantCulture))),
            },
            ["nodes"] = new JsonArray([.. items.Select(map)]),
        };
    }

    private static JsonObject Money(decimal amount, string currency) => new()
    {
        ["shopMoney"] = new JsonObject { ["amount"] = EmulatorMoney.Format(amount, currency), ["currencyCode"] = currency },
        ["presentmentMoney"] = new JsonObject { ["amount"] = EmulatorMoney.Format(amount, currency), ["currencyCode"] = currency },
    };

    private static JsonObject Nodes(IEnumerable<JsonNode> nodes, bool hasNext = false) => new()
    {
        ["pageInfo"] = new JsonObject { ["hasNextPage"] = hasNext, ["endCursor"] = null },
        ["nodes"] = new JsonArray([.. nodes]),
    };

    /// <summary>
    /// OrderDisplayFulfillmentStatus as the schema describes it: ON_HOLD when "all of the unfulfilled items in this
    /// order are on hold" (every fulfilment order with units left is ON_HOLD); otherwise by the units fulfilled.
    /// </summary>
    private static string DisplayFulfillmentStatus(EmuOrder o, int fulfilled, int ordered)
    {
        var unfulfilled = o.FulfillmentOrders.Where(f => f.Status is not ("CLOSED" or "CANCELLED") && f.Lines.Any(l => l.Remaining > 0)).ToList();
        if (unfulfilled.Count > 0 && unfulfilled.All(f => f.Status == "ON_HOLD"))
        {
            return "ON_HOLD";
        }

        return fulfilled == 0 ? "UNFULFILLED" : fulfilled < ordered ? "PARTIALLY_FULFILLED" : "FULFILLED";
    }

    private static JsonObject OrderJson(EmuOrder o, string query, JsonObject variables)
    {
        var linesPage = NestedPage(query, "lineItems", variables, 250);
        var total = o.Lines.Sum(l => l.Price * l.Quantity);
        var fulfilled = o.FulfillmentOrders.SelectMany(f => f.Lines).Sum(l => l.Total - l.Remaining);
        var ordered = o.Lines.Sum(l => l.Quantity);
        var address = new JsonObject
        {
            ["name"] = "Erika Mustermann",
            ["firstName"] = "Erika",
            ["lastName"] = "Mustermann",
            ["company"] = null,
            ["address1"] = "Hauptstrasse 1",
            ["address2"] = null,
            ["city"] = "Berlin",
            ["province"] = null,
            ["provinceCode"] = null,
            ["zip"] = "10115",
            ["country"] = "Germany",
            ["countryCodeV2"] = "DE",
            ["phone"] = null,
        };
        var json = new JsonObject
        {
            ["id"] = Gid("Order", o.Id),
            ["legacyResourceId"] = o.Id.ToString(CultureInfo.InvariantCulture),
            ["name"] = o.Name,
            ["createdAt"] = o.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["updatedAt"] = o.UpdatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            ["cancelledAt"] = o.CancelledAt?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["closed"] = false,
            ["email"] = o.Email,
            ["note"] = null,
            ["tags"] = new JsonArray([.. o.Tags.Select(t => (JsonNode?)JsonValue.Create(t))]),
            ["currencyCode"] = o.Currency,
            ["displayFinancialStatus"] = o.FinancialStatus,
            ["displayFulfillmentStatus"] = DisplayFulfillmentStatus(o, fulfilled, ordered),
            ["totalPriceSet"] = Money(total + EmulatorMoney.Shipping(o.Currency), o.Currency),
            ["totalShippingPriceSet"] = Money(EmulatorMoney.Shipping(o.Currency), o.Currency),
            ["shippingLine"] = new JsonObject { ["title"] = "Standard", ["code"] = "standard" },
            ["shippingAddress"] = address,
            ["billingAddress"] = address.DeepClone(),
            ["lineItems"] = Paged(
                o.Lines,
                linesPage,
                l => new JsonObject
                {
                    ["id"] = Gid("LineItem", l.Id),
                    ["sku"] = l.Sku,
                    ["title"] = l.Variant?.Title ?? l.Sku,
                    ["name"] = l.Variant?.Title ?? l.Sku,
                    ["quantity"] = l.Quantity,
                    ["currentQuantity"] = l.Current,
                    ["requiresShipping"] = l.RequiresShipping,
                    // "The number of units not yet fulfilled." Assumption: of the units still ordered (removed ones excluded).
                    ["unfulfilledQuantity"] = Math.Max(0, l.Current - o.Fulfillments.Where(f => f.Status != "CANCELLED").SelectMany(f => f.Lines).Where(x => x.Line == l).Sum(x => x.Quantity)),
                    ["variant"] = l.Variant is null ? null : new JsonObject
                    {
                        ["id"] = Gid("ProductVariant", l.Variant.Id),
                        ["inventoryItem"] = new JsonObject { ["id"] = Gid("InventoryItem", l.Variant.InventoryItemId) },
                    },
                    ["originalUnitPriceSet"] = Money(l.Price, o.Currency),
                }),
            ["fulfillmentOrders"] = Paged(o.FulfillmentOrders, NestedPage(query, "fulfillmentOrders", variables, 250), f => FulfillmentOrderJson(o, f, query, variables)),
            // Order.fulfillments(first:) is a list, not a connection: the first n, oldest first.
            ["fulfillments"] = new JsonArray([.. o.Fulfillments.Take(NestedFirst(query, "fulfillments", variables, int.MaxValue)).Select(f => (JsonNode)FulfillmentJson(f, query, variables))]),
            ["returns"] = Paged(o.Returns, NestedPage(query, "returns", variables, 250), r => ReturnJson(r, query, variables)),
        };

        // metafields(namespace:, first:, after:) connections, aliased or not.
        foreach (Match m in MetafieldsAlias().Matches(query))
        {
            var ns = Token(m.Groups[2].Value, variables);
            json[m.Groups[1].Success ? m.Groups[1].Value : "metafields"] = Paged(
                o.Metafields.Where(p => ns is not null && p.Key.StartsWith(ns + ".", StringComparison.Ordinal)).ToList(),
                NestedPage(query, "metafields", variables, 250),
                p => new JsonObject { ["key"] = p.Key[(ns!.Length + 1)..], ["namespace"] = ns, ["value"] = p.Value });
        }

        // Aliased metafield(namespace:, key:) selections.
        foreach (Match m in MetafieldAlias().Matches(query))
        {
            var ns = Token(m.Groups[2].Value, variables);
            var key = Token(m.Groups[3].Value, variables);
            json[m.Groups[1].Value] = ns is not null && key is not null && o.Metafields.TryGetValue(ns + "." + key, out var value)
                ? new JsonObject { ["value"] = value, ["namespace"] = ns, ["key"] = key }
                : null;
        }

        return json;
    }

    private static string? Token(string token, JsonObject variables) =>
        token.StartsWith('$') ? variables[token[1..]]?.GetValue<string>() : token.Trim('"');

    [GeneratedRegex("""(\w+)\s*:\s*metafield\s*\(\s*namespace\s*:\s*(\$\w+|"[^"]*")\s*,\s*key\s*:\s*(\$\w+|"[^"]*")\s*\)""")]
    private static partial Regex MetafieldAlias();

    [GeneratedRegex("""(?:(\w+)\s*:\s*)?(?<![A-Za-z_])metafields\s*\(\s*namespace\s*:\s*(\$\w+|"[^"]*")""")]
    private static partial Regex MetafieldsAlias();

    private static JsonObject FulfillmentOrderJson(EmuOrder o, EmuFulfillmentOrder f, string query, JsonObject variables) => new()
    {
        ["id"] = Gid("FulfillmentOrder", f.Id),
        ["status"] = f.Status,
        ["requestStatus"] = f.RequestStatus,
        ["updatedAt"] = f.UpdatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
        ["orderId"] = Gid("Order", o.Id),
        ["assignedLocation"] = new JsonObject { ["location"] = new JsonObject { ["id"] = Gid("Location", f.LocationId) } },
        ["supportedActions"] = new JsonArray([.. SupportedActions(f).Select(a => (JsonNode)new JsonObject { ["action"] = a })]),
        ["lineItems"] = Paged(f.Lines, NestedPage(query, "lineItems", variables, 250), l => new JsonObject
        {
            ["id"] = Gid("FulfillmentOrderLineItem", l.Id),
            ["remainingQuantity"] = l.Remaining,
            ["totalQuantity"] = l.Total,
            ["lineItem"] = new JsonObject { ["id"] = Gid("LineItem", l.Line.Id) },
        }),
    };

    private static JsonObject FulfillmentJson(EmuFulfillment f, string query, JsonObject variables) => new()
    {
        ["id"] = Gid("Fulfillment", f.Id),
        ["status"] = f.Status,
        ["createdAt"] = f.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        ["trackingInfo"] = new JsonArray([.. f.Tracking.Select(t => (JsonNode)new JsonObject { ["number"] = t.Number, ["url"] = t.Url, ["company"] = t.Company })]),
        ["fulfillmentLineItems"] = Paged(f.Lines, NestedPage(query, "fulfillmentLineItems", variables, 250), l => new JsonObject
        {
            ["id"] = Gid("FulfillmentLineItem", l.Id),
            ["quantity"] = l.Quantity,
            ["lineItem"] = new JsonObject { ["id"] = Gid("LineItem", l.Line.Id) },
        }),
    };

    private static JsonObject ReturnJson(EmuReturn r, string query, JsonObject variables) => new()
    {
        ["id"] = Gid("Return", r.Id),
        ["status"] = r.Status,
        ["createdAt"] = r.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        ["returnLineItems"] = Paged(r.Lines, NestedPage(query, "returnLineItems", variables, 250), l => new JsonObject
        {
            ["__typename"] = "ReturnLineItem",
            ["id"] = Gid("ReturnLineItem", l.Id),
            ["quantity"] = l.Quantity,
            ["processableQuantity"] = l.Quantity - l.Processed,
            ["returnReasonNote"] = string.Empty,
            ["fulfillmentLineItem"] = new JsonObject
            {
                ["id"] = Gid("FulfillmentLineItem", l.FulfillmentLineItemId),
                ["lineItem"] = new JsonObject
                {
                    ["id"] = Gid("LineItem", l.Line.Id),
                    ["variant"] = l.Line.Variant is null ? null : new JsonObject { ["inventoryItem"] = new JsonObject { ["id"] = Gid("InventoryItem", l.Line.Variant.InventoryItemId) } },
                },
            },
        }),
    };

    private static JsonObject ReturnDetailJson(EmuOrder o, EmuReturn r, string query, JsonObject variables)
    {
        var json = ReturnJson(r, query, variables);
        json["order"] = new JsonObject { ["id"] = Gid("Order", o.Id) };
        json["reverseFulfillmentOrders"] = Paged(r.ReverseFulfillmentOrderIds, NestedPage(query, "reverseFulfillmentOrders", variables, 250), id => ReverseFulfillmentOrderJson(r, id, query, variables));
        return json;
    }

    private static JsonObject ReverseFulfillmentOrderJson(EmuReturn r, long id, string query, JsonObject variables) => new()
    {
        ["id"] = Gid("ReverseFulfillmentOrder", id),
        ["lineItems"] = Paged(r.Lines.Where(l => l.ReverseFulfillmentOrderId == id).ToList(), NestedPage(query, "lineItems", variables, 250), l => new JsonObject
        {
            ["id"] = Gid("ReverseFulfillmentOrderLineItem", l.ReverseLineId),
            ["totalQuantity"] = l.Quantity,
            ["fulfillmentLineItem"] = new JsonObject { ["id"] = Gid("FulfillmentLineItem", l.FulfillmentLineItemId) },
        }),
    };

    /// <summary>QueryRoot.reverseFulfillmentOrder: "Lookup a reverse fulfillment order by ID."</summary>
    private JsonObject? ReverseFulfillmentOrderById(JsonNode? id, string query, JsonObject variables)
    {
        var reverseId = ParseGid(id, "ReverseFulfillmentOrder");
        var ret = _orders.SelectMany(o => o.Returns).FirstOrDefault(r => reverseId is { } rid && r.ReverseFulfillmentOrderIds.Contains(rid));
        return ret is null ? null : ReverseFulfillmentOrderJson(ret, reverseId!.Value, query, variables);
    }

    private JsonObject? ReturnById(JsonNode? id, string query, JsonObject variables)
    {
        var returnId = ParseGid(id, "Return");
        var owner = _orders.FirstOrDefault(o => o.Returns.Any(r => r.Id == returnId));
        if (owner is null)
        {
            return null;
        }

        var ret = owner.Returns.First(r => r.Id == returnId);
        var json = ReturnDetailJson(owner, ret, query, variables);

        // suggestedFinancialOutcome(returnLineItems:): the lines' price, refunded to the order's one sale transaction.
        if (variables["returnLineItems"] is JsonArray asked)
        {
            var amount = 0m;
            foreach (var item in asked)
            {
                var lineId = ParseGid(item!["id"], "ReturnLineItem");
                var line = ret.Lines.FirstOrDefault(l => l.Id == lineId);
                amount += line is null ? 0m : line.Line.Price * (item["quantity"]?.GetValue<int>() ?? 0);
            }

            amount = Math.Min(amount, PaidTotal(owner) - owner.Refunded);
            json["suggestedFinancialOutcome"] = new JsonObject
            {
                ["financialTransfer"] = new JsonObject
                {
                    ["__typename"] = "RefundReturnOutcome",
                    ["amount"] = Money(amount, owner.Currency),
                    ["suggestedRefundMethods"] = new JsonArray(),
                    ["suggestedTransactions"] = new JsonArray(new JsonObject
                    {
                        ["amountSet"] = Money(amount, owner.Currency),
                        ["gateway"] = "manual",
                        ["kind"] = "SUGGESTED_REFUND",
                        ["parentTransaction"] = new JsonObject { ["id"] = Gid("OrderTransaction", owner.Id) },
                    }),
                },
            };
        }

        return json;
    }

    private static decimal PaidTotal(EmuOrder order) => order.Lines.Sum(l => l.Price * l.Quantity) + EmulatorMoney.Shipping(order.Currency);

    private EmuOrder? OrderById(JsonNode? id) => ParseGid(id, "Order") is { } oid ? _orders.FirstOrDefault(o => o.Id == oid) : null;

    private JsonObject TagsAdd(JsonObject args)
    {
        var order = OrderById(args["id"]);
        if (order is null)
        {
            return UserErrors(new JsonObject { ["node"] = null }, [UserError(["id"], "Order does not exist")]);
        }

        foreach (var tag in args["tags"]?.AsArray() ?? [])
        {
            var value = tag!.GetValue<string>().Trim();
            if (!order.Tags.Contains(value, StringComparer.OrdinalIgnoreCase))
            {
                order.Tags.Add(value);
                order.UpdatedAt = _time.GetUtcNow();
            }
        }

        return UserErrors(new JsonObject { ["node"] = new JsonObject { ["id"] = Gid("Order", order.Id) } }, []);
    }

    private JsonObject MetafieldsSet(JsonObject args)
    {
        var input = args["metafields"]?.AsArray() ?? [];
        var errors = new JsonArray();
        var result = new JsonArray();
        if (input.Count > 25)
        {
            errors.Add(UserError(["metafields"], "Exceeded the maximum metafields input limit of 25.", "LESS_THAN_OR_EQUAL_TO"));
        }

        for (var i = 0; i < input.Count; i++)
        {
            var m = input[i]!.AsObject();
            var order = OrderById(m["ownerId"]);
            var index = i.ToString(CultureInfo.InvariantCulture);
            var key = m["key"]?.GetValue<string>() ?? string.Empty;
            if (order is null)
            {
                errors.Add(UserError(["metafields", index, "ownerId"], "Owner does not exist.", "INVALID"));
                continue;
            }

            if (key.Length is < 2 or > 64 || !key.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
            {
                errors.Add(UserError(["metafields", index, "key"], "Key must be 2-64 characters of letters, digits, '_' or '-'.", "INVALID"));
                continue;
            }

            var ns = m["namespace"]?.GetValue<string>() ?? "$app";
            order.Metafields[ns + "." + key] = m["value"]?.GetValue<string>() ?? string.Empty;
            result.Add(new JsonObject { ["id"] = Gid("Metafield", NextId()), ["key"] = key, ["namespace"] = ns, ["value"] = m["value"]?.DeepClone() });
        }

        return UserErrors(new JsonObject { ["metafields"] = errors.Count > 0 ? null : result }, errors);
    }

    private JsonObject FulfillmentCreate(JsonObject args)
    {
        var input = args["fulfillment"]?.AsObject() ?? throw new EmulatorException("fulfillment is required.", "BAD_REQUEST");
        var groups = input["lineItemsByFulfillmentOrder"]?.AsArray() ?? [];
        var plan = new List<(EmuFulfillmentOrder Fo, EmuFulfillmentOrderLine Line, int Quantity)>();
        EmuOrder? order = null;
        for (var g = 0; g < groups.Count; g++)
        {
            var group = groups[g]!.AsObject();
            var foId = ParseGid(group["fulfillmentOrderId"], "FulfillmentOrder");
            var owner = _orders.FirstOrDefault(o => o.FulfillmentOrders.Any(f => f.Id == foId));
            var fo = owner?.FulfillmentOrders.First(f => f.Id == foId);
            if (owner is null || fo is null)
            {
                return Failed("Fulfillment order does not exist.", "fulfillment", "lineItemsByFulfillmentOrder", g.ToString(CultureInfo.InvariantCulture), "fulfillmentOrderId");
            }

            if (order is not null && order != owner)
            {
                return Failed("All fulfillment orders must belong to the same order.", "fulfillment", "lineItemsByFulfillmentOrder");
            }

            if (plan.Count > 0 && plan[0].Fo.LocationId != fo.LocationId || groups.Count > 1 && g > 0 && FindFo(groups[0]) is { } firstFo && firstFo.LocationId != fo.LocationId)
            {
                return Failed("All fulfillment orders in a fulfillment must be assigned to the same location.", "fulfillment", "lineItemsByFulfillmentOrder");
            }

            order = owner;
            if (!SupportedActions(fo).Contains("CREATE_FULFILLMENT"))
            {
                return Failed($"Fulfillment order {Gid("FulfillmentOrder", fo.Id)} does not support the CREATE_FULFILLMENT action in status {fo.Status}.", "fulfillment", "lineItemsByFulfillmentOrder", g.ToString(CultureInfo.InvariantCulture), "fulfillmentOrderId");
            }

            if (_services.Any(s => s.LocationId == fo.LocationId) && fo.RequestStatus is not ("ACCEPTED" or "CANCELLATION_REJECTED"))
            {
                return Failed("The fulfillment request must be accepted before the fulfillment service can fulfill it.", "fulfillment", "lineItemsByFulfillmentOrder", g.ToString(CultureInfo.InvariantCulture), "fulfillmentOrderId");
            }

            var lines = group["fulfillmentOrderLineItems"]?.AsArray();
            if (lines is null || lines.Count == 0)
            {
                plan.AddRange(fo.Lines.Where(l => l.Remaining > 0).Select(l => (fo, l, l.Remaining)));
                continue;
            }

            foreach (var lineNode in lines)
            {
                var lineId = ParseGid(lineNode!["id"], "FulfillmentOrderLineItem");
                var line = fo.Lines.FirstOrDefault(l => l.Id == lineId);
                var quantity = lineNode["quantity"]?.GetValue<int>() ?? 0;
                if (line is null)
                {
                    return Failed("Invalid fulfillment order line item id.", "fulfillment");
                }

                if (quantity <= 0 || quantity > line.Remaining)
                {
                    return Failed($"Invalid fulfillment order line item quantity requested: {quantity} of {line.Remaining} remaining.", "fulfillment");
                }

                plan.Add((fo, line, quantity));
            }
        }

        if (order is null || plan.Count == 0)
        {
            return Failed("No line items to fulfill.", "fulfillment");
        }

        var fulfillment = new EmuFulfillment { Id = NextId(), CreatedAt = _time.GetUtcNow(), LocationId = plan[0].Fo.LocationId };
        foreach (var (fo, line, quantity) in plan)
        {
            line.Remaining -= quantity;
            FulfilCommitted(line.Line, fo.LocationId, quantity);
            fulfillment.Lines.Add((line.Line, quantity, NextId()));
            fo.Status = fo.Lines.All(l => l.Remaining == 0) ? "CLOSED" : "IN_PROGRESS";
        }

        SetTracking(fulfillment, input["trackingInfo"] as JsonObject);
        order.Fulfillments.Add(fulfillment);
        order.UpdatedAt = _time.GetUtcNow();
        return UserErrors(new JsonObject { ["fulfillment"] = FulfillmentJson(fulfillment, string.Empty, []) }, []);

        static JsonObject Failed(string message, params string[] field) =>
            UserErrors(new JsonObject { ["fulfillment"] = null }, [UserError(field, message)]);

        EmuFulfillmentOrder? FindFo(JsonNode? group)
        {
            var id = ParseGid(group?["fulfillmentOrderId"], "FulfillmentOrder");
            return _orders.SelectMany(o => o.FulfillmentOrders).FirstOrDefault(f => f.Id == id);
        }
    }

    /// <summary>
    /// The actions a fulfilment order supports in its status (schema: "The actions that can be taken on a fulfillment
    /// order"): an open or in-progress one can be fulfilled, a scheduled one can only be marked as open, one on hold
    /// only released. An in-progress one (partly fulfilled) can be moved too: fulfillmentOrderMove keeps "line items which
    /// have already been fulfilled" at the original location. Assumption: the finer rules (merchant-managed vs service
    /// locations, requests) are left out; fulfillmentOrderMove checks the request status itself.
    /// </summary>
    private static IEnumerable<string> SupportedActions(EmuFulfillmentOrder fo) => fo.Status switch
    {
        "OPEN" => ["CREATE_FULFILLMENT", "REQUEST_FULFILLMENT", "HOLD", "MOVE"],
        "IN_PROGRESS" => ["CREATE_FULFILLMENT", "HOLD", "MOVE"],
        "SCHEDULED" => ["MARK_AS_OPEN"],
        "ON_HOLD" => ["RELEASE_HOLD"],
        _ => [],
    };

    private JsonObject FulfillmentOrderOpen(JsonObject args, string query, JsonObject variables)
    {
        if (FindFulfillmentOrder(args["id"]) is not { } found)
        {
            return UserErrors(new JsonObject { ["fulfillmentOrder"] = null }, [UserError(["id"], "Fulfillment order does not exist.")]);
        }

        if (found.Fo.Status != "SCHEDULED")
        {
            return UserErrors(new JsonObject { ["fulfillmentOrder"] = null }, [UserError(["id"], $"Fulfillment order must be scheduled to be marked as open (it is {found.Fo.Status}).")]);
        }

        found.Fo.Status = "OPEN";
        found.Fo.UpdatedAt = _time.GetUtcNow();
        found.Order.UpdatedAt = found.Fo.UpdatedAt;
        return UserErrors(new JsonObject { ["fulfillmentOrder"] = FulfillmentOrderJson(found.Order, found.Fo, query, variables) }, []);
    }

    /// <summary>
    /// fulfillmentOrderMove, from the schema: "Changes the location which is assigned to fulfill a number of unfulfilled
    /// fulfillment order line items." Refused when the fulfilment order is closed, has a request status of SUBMITTED,
    /// ACCEPTED, CANCELLATION_REQUESTED or CANCELLATION_REJECTED, or when "the destination location doesn't stock the
    /// requested inventory item". All line items of a fulfilment order without fulfilled units, to a location no other
    /// active fulfilment order of the order is assigned to: the original is moved ("the assignedLocation of the original
    /// fulfillment order will be updated"). Otherwise the moved units get a new fulfilment order at the new location and
    /// the original keeps the rest (closed when nothing is left): "the moved fulfillment order will differ from the
    /// original one". Assumptions: the userError fields and messages, and a move to the location the fulfilment order is
    /// already at being refused.
    /// </summary>
    private JsonObject FulfillmentOrderMove(JsonObject args, string query, JsonObject variables)
    {
        if (FindFulfillmentOrder(args["id"]) is not { } found)
        {
            return Failed("Fulfillment order does not exist.", "id");
        }

        var (order, fo) = found;
        var target = ParseGid(args["newLocationId"], "Location");
        if (target is null || !_locations.ContainsKey(target.Value))
        {
            return Failed("Location does not exist.", "newLocationId");
        }

        if (fo.Status is "CLOSED" or "CANCELLED")
        {
            return Failed("The fulfillment order is closed.", "id");
        }

        if (fo.RequestStatus is "SUBMITTED" or "ACCEPTED" or "CANCELLATION_REQUESTED" or "CANCELLATION_REJECTED")
        {
            return Failed($"You can't change the assigned location while a fulfillment order has a request status of {fo.RequestStatus}.", "id");
        }

        if (!SupportedActions(fo).Contains("MOVE"))
        {
            return Failed($"Fulfillment order {Gid("FulfillmentOrder", fo.Id)} can't be moved in status {fo.Status}.", "id");
        }

        if (fo.LocationId == target.Value)
        {
            return Failed("The fulfillment order is already assigned to this location.", "newLocationId");
        }

        var moving = new List<(EmuFulfillmentOrderLine Line, int Quantity)>();
        if (args["fulfillmentOrderLineItems"] is JsonArray { Count: > 0 } requested)
        {
            for (var i = 0; i < requested.Count; i++)
            {
                var lineId = ParseGid(requested[i]?["id"], "FulfillmentOrderLineItem");
                var line = fo.Lines.FirstOrDefault(l => l.Id == lineId);
                var quantity = requested[i]?["quantity"]?.GetValue<int>() ?? 0;
                if (line is null || quantity <= 0 || quantity > line.Remaining - moving.Where(m => m.Line == line).Sum(m => m.Quantity))
                {
                    return Failed("Invalid fulfillment order line item id or quantity.", "fulfillmentOrderLineItems", i.ToString(CultureInfo.InvariantCulture));
                }

                moving.Add((line, quantity));
            }
        }
        else
        {
            moving.AddRange(fo.Lines.Where(l => l.Remaining > 0).Select(l => (l, l.Remaining)));
        }

        if (moving.Count == 0)
        {
            return Failed("The fulfillment order has no unfulfilled line items to move.", "id");
        }

        if (moving.FirstOrDefault(m => m.Line.Line.Variant is { } v && !_levels.ContainsKey((v.InventoryItemId, target.Value))) is { Line: not null } unstocked)
        {
            return Failed($"The destination location doesn't stock the requested inventory item ({unstocked.Line.Line.Sku}).", "newLocationId");
        }

        var now = _time.GetUtcNow();
        var everyUnit = fo.Lines.All(l => l.Remaining == l.Total && moving.Where(m => m.Line == l).Sum(m => m.Quantity) == l.Remaining);
        var occupied = order.FulfillmentOrders.Any(f => f != fo && f.LocationId == target.Value && f.Status is not ("CLOSED" or "CANCELLED"));
        EmuFulfillmentOrder moved;
        if (everyUnit && !occupied)
        {
            fo.LocationId = target.Value;
            moved = fo;
        }
        else
        {
            moved = new EmuFulfillmentOrder { Id = NextId(), LocationId = target.Value, UpdatedAt = now };
            foreach (var (line, quantity) in moving)
            {
                line.Total -= quantity;
                line.Remaining -= quantity;
                moved.Lines.Add(new EmuFulfillmentOrderLine { Id = NextId(), Line = line.Line, Total = quantity, Remaining = quantity });
            }

            if (fo.Lines.All(l => l.Remaining == 0))
            {
                fo.Status = "CLOSED";
            }

            order.FulfillmentOrders.Add(moved);
        }

        fo.UpdatedAt = now;
        order.UpdatedAt = now;
        return UserErrors(
            new JsonObject
            {
                ["movedFulfillmentOrder"] = FulfillmentOrderJson(order, moved, query, variables),
                ["originalFulfillmentOrder"] = FulfillmentOrderJson(order, fo, query, variables),
            },
            []);

        static JsonObject Failed(string message, params string[] field) =>
            UserErrors(new JsonObject { ["movedFulfillmentOrder"] = null, ["originalFulfillmentOrder"] = null }, [UserError(field, message)]);
    }

    private JsonObject ReturnApproveRequest(JsonObject args)
    {
        var id = ParseGid(args["input"]?["id"], "Return");
        var owner = _orders.FirstOrDefault(o => o.Returns.Any(r => r.Id == id));
        var ret = owner?.Returns.First(r => r.Id == id);
        if (owner is null || ret is null)
        {
            return UserErrors(new JsonObject { ["return"] = null }, [UserError(["input", "id"], "Return does not exist.", "NOT_FOUND")]);
        }

        if (ret.Status != "REQUESTED")
        {
            return UserErrors(new JsonObject { ["return"] = null }, [UserError(["input", "id"], "Return is not in a requested state.", "INVALID_STATE")]);
        }

        ret.Status = "OPEN";
        owner.UpdatedAt = _time.GetUtcNow();
        return UserErrors(new JsonObject { ["return"] = new JsonObject { ["id"] = Gid("Return", ret.Id), ["status"] = ret.Status } }, []);
    }

    private static void SetTracking(EmuFulfillment fulfillment, JsonObject? tracking)
    {
        fulfillment.Tracking.Clear();
        if (tracking is null)
        {
            return;
        }

        var company = tracking["company"]?.GetValue<string>();
        var numbers = tracking["numbers"]?.AsArray().Select(n => n!.GetValue<string>()).ToList() ?? [];
        if (tracking["number"]?.GetValue<string>() is { } single)
        {
            numbers.Insert(0, single);
        }

        var urls = tracking["urls"]?.AsArray().Select(n => n!.GetValue<string>()).ToList() ?? [];
        if (tracking["url"]?.GetValue<string>() is { } url)
        {
            urls.Insert(0, url);
        }

        for (var i = 0; i < numbers.Count; i++)
        {
            fulfillment.Tracking.Add((numbers[i], i < urls.Count ? urls[i] : null, company));
        }
    }

    private JsonObject TrackingUpdate(JsonObject args)
    {
        var id = ParseGid(args["fulfillmentId"], "Fulfillment");
        var owner = _orders.FirstOrDefault(o => o.Fulfillments.Any(f => f.Id == id));
        var fulfillment = owner?.Fulfillments.First(f => f.Id == id);
        if (owner is null || fulfillment is null)
        {
            return UserErrors(new JsonObject { ["fulfillment"] = null }, [UserError(["fulfillmentId"], "Fulfillment does not exist.")]);
        }

        SetTracking(fulfillment, args["trackingInfoInput"] as JsonObject);
        owner.UpdatedAt = _time.GetUtcNow();
        return UserErrors(new JsonObject { ["fulfillment"] = FulfillmentJson(fulfillment, string.Empty, []) }, []);
    }

    private JsonObject ReturnProcess(JsonObject args)
    {
        var input = args["input"]?.AsObject() ?? throw new EmulatorException("input is required.", "BAD_REQUEST");
        var id = ParseGid(input["returnId"], "Return");
        var owner = _orders.FirstOrDefault(o => o.Returns.Any(r => r.Id == id));
        var ret = owner?.Returns.First(r => r.Id == id);
        if (owner is null || ret is null)
        {
            return UserErrors(new JsonObject { ["return"] = null }, [UserError(["input", "returnId"], "Return does not exist.", "NOT_FOUND")]);
        }

        if (ret.Status != "OPEN")
        {
            return UserErrors(new JsonObject { ["return"] = null }, [UserError(["input", "returnId"], $"Return must be open to be processed (it is {ret.Status}).", "INVALID_STATE")]);
        }

        var lines = input["returnLineItems"]?.AsArray() ?? [];
        for (var i = 0; i < lines.Count; i++)
        {
            var lineId = ParseGid(lines[i]!["id"], "ReturnLineItem");
            var line = ret.Lines.FirstOrDefault(l => l.Id == lineId);
            var quantity = lines[i]!["quantity"]?.GetValue<int>() ?? 0;
            if (line is null || quantity <= 0 || quantity > line.Quantity - line.Processed)
            {
                return UserErrors(new JsonObject { ["return"] = null }, [UserError(["input", "returnLineItems", i.ToString(CultureInfo.InvariantCulture), "quantity"], "Quantity exceeds the processable quantity.", "INVALID")]);
            }
        }

        for (var i = 0; i < lines.Count; i++)
        {
            foreach (var disposition in lines[i]!["dispositions"]?.AsArray() ?? [])
            {
                var reverseId = ParseGid(disposition!["reverseFulfillmentOrderLineItemId"], "ReverseFulfillmentOrderLineItem");
                var type = disposition["dispositionType"]?.GetValue<string>();
                var quantity = disposition["quantity"]?.GetValue<int>() ?? 0;
                var location = ParseGid(disposition["locationId"], "Location");
                if (ret.Lines.All(l => l.ReverseLineId != reverseId) || type is not ("RESTOCKED" or "NOT_RESTOCKED" or "PROCESSING_REQUIRED" or "MISSING") || quantity <= 0)
                {
                    return UserErrors(new JsonObject { ["return"] = null }, [UserError(["input", "returnLineItems", i.ToString(CultureInfo.InvariantCulture), "dispositions"], "Invalid disposition.", "INVALID")]);
                }

                if (type == "RESTOCKED" && (location is null || !_locations.ContainsKey(location.Value)))
                {
                    return UserErrors(new JsonObject { ["return"] = null }, [UserError(["input", "returnLineItems", i.ToString(CultureInfo.InvariantCulture), "dispositions"], "A restock location is required.", "INVALID")]);
                }
            }
        }

        var refund = 0m;
        foreach (var transaction in input["financialTransfer"]?["issueRefund"]?["orderTransactions"]?.AsArray() ?? [])
        {
            var amountText = transaction!["transactionAmount"]?["amount"]?.ToString();
            if (ParseGid(transaction["parentId"], "OrderTransaction") != owner.Id
                || !decimal.TryParse(amountText, NumberStyles.Number, CultureInfo.InvariantCulture, out var amount) || amount <= 0m)
            {
                return UserErrors(new JsonObject { ["return"] = null }, [UserError(["input", "financialTransfer", "issueRefund", "orderTransactions"], "Invalid parent transaction or amount.", "INVALID")]);
            }

            refund += amount;
        }

        if (refund > PaidTotal(owner) - owner.Refunded)
        {
            return UserErrors(new JsonObject { ["return"] = null }, [UserError(["input", "financialTransfer"], "Refund amount exceeds the refundable amount.", "INVALID")]);
        }

        owner.Refunded += refund;
        for (var i = 0; i < lines.Count; i++)
        {
            var lineId = ParseGid(lines[i]!["id"], "ReturnLineItem");
            var line = ret.Lines.First(l => l.Id == lineId);
            line.Processed += lines[i]!["quantity"]!.GetValue<int>();
            foreach (var disposition in lines[i]!["dispositions"]?.AsArray() ?? [])
            {
                var type = disposition!["dispositionType"]!.GetValue<string>();
                var quantity = disposition["quantity"]!.GetValue<int>();
                line.Dispositions.Add(type + ":" + quantity.ToString(CultureInfo.InvariantCulture));
                if (type == "RESTOCKED" && line.Line.Variant is { } variant && ParseGid(disposition["locationId"], "Location") is { } location)
                {
                    _levels[(variant.InventoryItemId, location)] = _levels.GetValueOrDefault((variant.InventoryItemId, location)) + quantity;
                }
            }
        }

        if (ret.Lines.All(l => l.Processed == l.Quantity))
        {
            ret.Status = "CLOSED";
        }

        owner.UpdatedAt = _time.GetUtcNow();
        return UserErrors(new JsonObject { ["return"] = new JsonObject { ["id"] = Gid("Return", ret.Id), ["status"] = ret.Status } }, []);
    }

    private JsonObject WebhookSubscriptionCreate(JsonObject args)
    {
        var topic = args["topic"]?.GetValue<string>() ?? string.Empty;
        var uri = args["webhookSubscription"]?["uri"]?.GetValue<string>() ?? string.Empty;
        if (_subscriptions.Contains((topic, uri)))
        {
            return UserErrors(new JsonObject { ["webhookSubscription"] = null }, [UserError(["webhookSubscription", "callbackUrl"], "Address for this topic has already been taken")]);
        }

        _subscriptions.Add((topic, uri));
        return UserErrors(new JsonObject { ["webhookSubscription"] = new JsonObject { ["id"] = Gid("WebhookSubscription", NextId()), ["topic"] = topic } }, []);
    }
}
