using System.Text.Json.Nodes;

namespace Connectors.Testing.Shopify.Internal;

/// <summary>
/// Product status: <c>product(id:)</c> and <c>productUpdate</c>'s <c>status</c>, written from the Admin schema's
/// descriptions (2026-01/2026-04). <c>ProductUpdateInput.status</c>: "The product status, which controls visibility across
/// all sales channels" — one status for the product, so every variant shows it (<c>ProductVariant.product.status</c>).
/// <c>ProductStatus</c>: <c>ACTIVE</c> ("ready to sell"), <c>ARCHIVED</c> ("no longer being sold and isn't available to
/// customers on sales channels and apps"), <c>DRAFT</c> ("isn't ready to sell"), <c>UNLISTED</c> ("active but you need a
/// direct link to view it"). The status changes nothing else: stock and inventory policy stay as they are.
/// </summary>
internal sealed partial class EmulatorGraph
{
    private static readonly HashSet<string> ProductStatuses = new(StringComparer.Ordinal) { "ACTIVE", "ARCHIVED", "DRAFT", "UNLISTED" };

    /// <summary>The product's status (its variants share it), or null when no variant belongs to the product.</summary>
    public string? GetProductStatus(long productId)
    {
        lock (_gate)
        {
            return _variants.FirstOrDefault(v => v.ProductId == productId)?.ProductStatus;
        }
    }

    /// <summary>Sets the status of the product <paramref name="variantId"/> belongs to, for all its variants.</summary>
    public void SetProductStatusOfVariant(long variantId, string status)
    {
        lock (_gate)
        {
            var product = _variants.First(v => v.Id == variantId).ProductId;
            foreach (var variant in _variants.Where(v => v.ProductId == product))
            {
                variant.ProductStatus = status;
            }
        }
    }

    /// <summary><c>product(id:)</c>: "Retrieves a product by its ID"; null for an id the shop does not know.</summary>
    private JsonObject? ProductById(JsonObject args, string query, JsonObject variables) =>
        ParseGid(args["id"], "Product") is { } id && _variants.Any(v => v.ProductId == id) ? ProductJson(id, query, variables) : null;

    private JsonObject ProductJson(long productId, string query, JsonObject variables)
    {
        var variants = _variants.Where(v => v.ProductId == productId).ToList();
        return new JsonObject
        {
            ["id"] = Gid("Product", productId),
            ["status"] = variants[0].ProductStatus,
            ["variantsCount"] = new JsonObject { ["count"] = variants.Count, ["precision"] = "EXACT" },
            ["variants"] = Paged(variants, NestedPage(query, "variants", variables, 250), v => VariantJson(v)),
        };
    }

    /// <summary>
    /// <c>productUpdate(product: ProductUpdateInput)</c> with <c>id</c> and <c>status</c>; the payload's <c>userErrors</c> are
    /// <c>UserError</c> (field, message, no code). Assumptions: an unknown or missing id is the user error "Product does
    /// not exist" on field <c>["id"]</c>; a status outside <c>ProductStatus</c> fails variable coercion as a top-level error;
    /// other input fields are accepted and not emulated.
    /// </summary>
    private JsonObject ProductUpdate(JsonObject args, string query, JsonObject variables)
    {
        var input = args["product"] as JsonObject ?? [];
        var payload = new JsonObject { ["product"] = null };
        if (ParseGid(input["id"], "Product") is not { } productId || !_variants.Any(v => v.ProductId == productId))
        {
            return UserErrors(payload, [UserError(["id"], "Product does not exist")]);
        }

        if (input.ContainsKey("status"))
        {
            var status = input["status"]?.GetValue<string>();
            if (status is null || !ProductStatuses.Contains(status))
            {
                throw new EmulatorException(
                    $"Variable $product of type ProductUpdateInput! was provided invalid value for status (Expected \"{status}\" to be one of: ACTIVE, ARCHIVED, DRAFT, UNLISTED)",
                    "INVALID_VARIABLE");
            }

            foreach (var variant in _variants.Where(v => v.ProductId == productId))
            {
                variant.ProductStatus = status;
            }
        }

        payload["product"] = ProductJson(productId, query, variables);
        return UserErrors(payload, []);
    }
}
