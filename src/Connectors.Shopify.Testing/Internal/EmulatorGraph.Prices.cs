using System.Globalization;
using System.Text.Json.Nodes;

namespace Connectors.Testing.Shopify.Internal;

/// <summary>
/// Variant prices: <c>productVariantsBulkUpdate</c> and <c>InventoryItem.variants</c>, written from the Admin schema's
/// descriptions (2026-01/2026-04): "Updates multiple product variants for a single product in one operation";
/// <c>allowPartialUpdates</c>: "When partial updates are allowed, valid variant changes may be persisted even if some of
/// the variants updated have invalid data and cannot be persisted. When partial updates are not allowed, any error will
/// prevent all variants from updating." Error codes are the schema's <c>ProductVariantsBulkUpdateUserErrorCode</c> values.
/// </summary>
internal sealed partial class EmulatorGraph
{
    private static readonly string[] PriceFields = ["price", "compareAtPrice"];

    /// <summary>The shop's currency (<c>Shop.currencyCode</c>); variant prices are "in the default shop currency".</summary>
    public string ShopCurrency { get; init; } = "EUR";

    public EmuVariant AddVariantToProduct(long productId, string sku, string title, long? locationId, int available)
    {
        lock (_gate)
        {
            if (!_variants.Any(v => v.ProductId == productId))
            {
                throw new ArgumentException($"No product has id {productId}.", nameof(productId));
            }

            var variant = new EmuVariant { Id = NextId(), ProductId = productId, InventoryItemId = NextId(), Sku = sku, Title = title };
            _variants.Add(variant);
            _inventoryItems.Add(variant.InventoryItemId);
            foreach (var location in _locations.Keys)
            {
                _levels[(variant.InventoryItemId, location)] = location == locationId ? available : 0;
            }

            return variant;
        }
    }

    /// <summary>productVariantsBulkDelete of one variant: the variant, its inventory item and its levels are gone.</summary>
    public bool RemoveVariant(long variantId)
    {
        lock (_gate)
        {
            var variant = _variants.FirstOrDefault(v => v.Id == variantId);
            if (variant is null)
            {
                return false;
            }

            _variants.Remove(variant);
            _inventoryItems.Remove(variant.InventoryItemId);
            foreach (var key in _levels.Keys.Where(k => k.Item == variant.InventoryItemId).ToList())
            {
                _levels.Remove(key);
            }

            return true;
        }
    }

    public (decimal Price, decimal? CompareAtPrice)? GetPrice(long variantId)
    {
        lock (_gate)
        {
            return _variants.FirstOrDefault(v => v.Id == variantId) is { } v ? (v.Price, v.CompareAtPrice) : null;
        }
    }

    private static bool AsksForVariants(string query) => query.Contains("variants(", StringComparison.Ordinal);

    /// <summary><c>nodes(ids:)</c> with <c>... on InventoryItem { variants(first:, after:) { ... } }</c>: the variants that reference each item.</summary>
    private JsonArray VariantNodes(JsonObject args, string query, JsonObject variables)
    {
        var result = new JsonArray();
        foreach (var id in args["ids"]?.AsArray() ?? [])
        {
            var item = ParseGid(id, "InventoryItem");
            if (item is not { } i || !_inventoryItems.Contains(i))
            {
                result.Add(null);
                continue;
            }

            var variants = _variants.Where(v => v.InventoryItemId == i).ToList();
            result.Add(new JsonObject
            {
                ["id"] = Gid("InventoryItem", i),
                ["variants"] = Paged(variants, NestedPage(query, "variants", variables, 250), v => VariantJson(v)),
            });
        }

        return result;
    }

    private JsonObject ProductVariantsBulkUpdate(JsonObject args)
    {
        var product = ParseGid(args["productId"], "Product");
        var payload = new JsonObject { ["product"] = null, ["productVariants"] = null };
        if (product is not { } productId || !_variants.Any(v => v.ProductId == productId))
        {
            return UserErrors(payload, [UserError(["productId"], "Product does not exist", "PRODUCT_DOES_NOT_EXIST")]);
        }

        var partial = args["allowPartialUpdates"] is JsonValue p && p.TryGetValue<bool>(out var allow) && allow;
        var inputs = args["variants"]?.AsArray() ?? [];
        var errors = new JsonArray();
        var changes = new List<(EmuVariant Variant, JsonObject Input)>();
        for (var i = 0; i < inputs.Count; i++)
        {
            var input = inputs[i]?.AsObject() ?? [];
            var index = i.ToString(CultureInfo.InvariantCulture);
            if (input["id"] is null)
            {
                errors.Add(UserError(["variants", index, "id"], "Product variant is missing ID attribute", "PRODUCT_VARIANT_ID_MISSING"));
                continue;
            }

            var variant = ParseGid(input["id"], "ProductVariant") is { } vid ? _variants.FirstOrDefault(v => v.Id == vid) : null;
            if (variant is null)
            {
                errors.Add(UserError(["variants", index, "id"], "Product variant does not exist", "PRODUCT_VARIANT_DOES_NOT_EXIST"));
                continue;
            }

            // Assumption: a variant of another product is refused with MUST_BE_FOR_THIS_PRODUCT ("Input must be for this product.").
            if (variant.ProductId != productId)
            {
                errors.Add(UserError(["variants", index, "id"], "Input must be for this product.", "MUST_BE_FOR_THIS_PRODUCT"));
                continue;
            }

            if (input.ContainsKey("inventoryQuantities"))
            {
                errors.Add(UserError(
                    ["variants", index, "inventoryQuantities"],
                    "Inventory quantities can only be provided during create. To update inventory for existing variants, use inventoryAdjustQuantities.",
                    "NO_INVENTORY_QUANTITIES_ON_VARIANTS_UPDATE"));
                continue;
            }

            // NEGATIVE_PRICE_VALUE: "Price cannot take a negative value." (Assumption: the compare-at price is checked the same way.)
            var negative = PriceFields.FirstOrDefault(f => Amount(input, f, i) < 0m);
            if (negative is not null)
            {
                errors.Add(UserError(["variants", index, negative], "Price cannot take a negative value.", "NEGATIVE_PRICE_VALUE"));
                continue;
            }

            changes.Add((variant, input));
        }

        if (errors.Count > 0 && !partial)
        {
            return UserErrors(payload, errors);
        }

        var updated = new JsonArray();
        foreach (var (variant, input) in changes)
        {
            // Absent fields are left as they are; compareAtPrice null removes the compare-at price. Assumption: amounts are
            // kept to the shop currency's minor unit (as the admin shows them), so extra decimals come back rounded.
            if (input.ContainsKey("price"))
            {
                variant.Price = Round(Amount(input, "price", 0) ?? variant.Price);
            }

            if (input.ContainsKey("compareAtPrice"))
            {
                variant.CompareAtPrice = Amount(input, "compareAtPrice", 0) is { } was ? Round(was) : null;
            }

            updated.Add(VariantJson(variant));
        }

        payload["product"] = new JsonObject { ["id"] = Gid("Product", productId) };
        payload["productVariants"] = updated;
        return UserErrors(payload, errors);
    }

    private decimal Round(decimal amount) => Math.Round(amount, EmulatorMoney.MinorUnits(ShopCurrency), MidpointRounding.ToEven);

    /// <summary>A <c>Money</c> input ("A monetary value string without a currency symbol or code"), or null when absent or null.</summary>
    private static decimal? Amount(JsonObject input, string field, int index)
    {
        var node = input[field];
        if (node is null)
        {
            return null;
        }

        var text = node.GetValueKind() == System.Text.Json.JsonValueKind.String ? node.GetValue<string>() : node.ToJsonString();
        return decimal.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var amount)
            ? amount
            : throw new EmulatorException(
                $"Variable $variants of type [ProductVariantsBulkInput!]! was provided invalid value for {index.ToString(CultureInfo.InvariantCulture)}.{field} (Could not coerce value \"{text}\" to Money)",
                "INVALID_VARIABLE");
    }
}
