using System.Text.Json.Nodes;

namespace Connectors.Testing.Shopify.Internal;

/// <summary>
/// What a bulk query reads: the root connection's nodes as whole objects, every nested connection complete (a bulk
/// query is not paged), taken under the state's lock as one snapshot. <c>productVariantsCount</c> for the size check.
/// </summary>
internal sealed partial class EmulatorGraph
{
    /// <summary>The root connections a bulk query may read here.</summary>
    public static readonly IReadOnlySet<string> BulkRoots = new HashSet<string>(StringComparer.Ordinal) { "productVariants", "inventoryItems", "products" };

    /// <summary>Every node of a root connection, as superset objects (nested connections as <c>{ nodes: [...] }</c>).</summary>
    public List<JsonObject> BulkSnapshot(string root)
    {
        lock (_gate)
        {
            return root switch
            {
                "productVariants" => [.. _variants.Select(BulkVariantJson)],
                "inventoryItems" => [.. _variants.Select(BulkInventoryItemJson)],
                "products" => [.. _variants.GroupBy(v => v.ProductId).Select(g => new JsonObject
                {
                    ["id"] = Gid("Product", g.Key),
                    ["title"] = "Product " + g.First().Sku,
                    ["status"] = g.First().ProductStatus,
                    ["variants"] = new JsonObject { ["nodes"] = new JsonArray([.. g.Select(v => (JsonNode)BulkVariantJson(v))]) },
                })],
                _ => throw new ArgumentOutOfRangeException(nameof(root), root, "not a bulk root of the emulator"),
            };
        }
    }

    /// <summary>
    /// <c>productVariantsCount(limit:)</c>: "The upper bound on count value before returning a result. Use <c>null</c> to
    /// have no limit" (default 10,000); a count cut at the limit has precision <c>AT_LEAST</c>.
    /// </summary>
    public JsonObject ProductVariantsCount(JsonObject args)
    {
        lock (_gate)
        {
            int? limit = args.ContainsKey("limit") ? (args["limit"] is JsonValue l && l.TryGetValue<int>(out var n) ? n : null) : 10_000;
            var count = _variants.Count;
            return limit is { } max && count > max
                ? new JsonObject { ["count"] = max, ["precision"] = "AT_LEAST" }
                : new JsonObject { ["count"] = count, ["precision"] = "EXACT" };
        }
    }

    private JsonObject BulkVariantJson(EmuVariant v)
    {
        var json = VariantJson(v);
        json["inventoryItem"] = BulkInventoryItemJson(v);
        return json;
    }

    private JsonObject BulkInventoryItemJson(EmuVariant v) => new()
    {
        ["id"] = Gid("InventoryItem", v.InventoryItemId),
        ["tracked"] = v.Tracked,
        ["sku"] = v.Sku,
        ["variant"] = new JsonObject { ["id"] = Gid("ProductVariant", v.Id), ["sku"] = v.Sku },
        ["inventoryLevels"] = new JsonObject
        {
            ["nodes"] = new JsonArray([.. _levels.Where(l => l.Key.Item == v.InventoryItemId).Select(l => (JsonNode)new JsonObject
            {
                ["id"] = $"gid://shopify/InventoryLevel/{l.Key.Location}?inventory_item_id={l.Key.Item}",
                ["location"] = new JsonObject { ["id"] = Gid("Location", l.Key.Location), ["name"] = _locations.GetValueOrDefault(l.Key.Location) },
                ["item"] = new JsonObject { ["id"] = Gid("InventoryItem", l.Key.Item) },
                ["quantities"] = new JsonArray(
                    new JsonObject { ["name"] = "available", ["quantity"] = l.Value },
                    new JsonObject { ["name"] = "on_hand", ["quantity"] = l.Value + _committed.GetValueOrDefault(l.Key) }),
            })]),
        },
    };
}
