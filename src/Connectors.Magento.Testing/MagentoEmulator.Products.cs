using System.Text.Json.Nodes;
using Connectors.Testing.Magento.Internal;

namespace Connectors.Testing.Magento;

/// <summary>
/// Product saves (<c>PUT /V1/products/{sku}</c>) as Magento's product repository does them: the SKU in the path wins over
/// the body's; a SKU Magento does not know is created (and refused when the required attributes are missing); <c>status</c>
/// written in the scope of the URL's store code, <c>all</c> for the default value (store 0), a store view code for that
/// store view's own value, which then overrides the default value there.
/// </summary>
public sealed partial class MagentoEmulator
{
    /// <summary>The <c>status</c> a store view shows for a product: its own value, else the default value.</summary>
    /// <param name="sku">The SKU.</param>
    /// <param name="storeCode">The store view; <c>all</c> for the default value.</param>
    /// <returns>Whether the product is enabled there.</returns>
    public bool IsProductEnabled(string sku, string storeCode = "default")
    {
        lock (_gate)
        {
            return _products[sku].EnabledIn(StoreId(storeCode));
        }
    }

    /// <summary>
    /// Sets a store view's own <c>status</c> of a product as an admin would in that store view's scope, or removes it
    /// ("Use Default Value") with <see langword="null"/>.
    /// </summary>
    /// <param name="sku">The SKU.</param>
    /// <param name="storeCode">The store view.</param>
    /// <param name="enabled">The store view's value, or null for the default value.</param>
    public void SetProductEnabledInStore(string sku, string storeCode, bool? enabled)
    {
        lock (_gate)
        {
            var store = StoreId(storeCode);
            if (enabled is { } value && store != 0)
            {
                _products[sku].StoreEnabled[store] = value;
            }
            else
            {
                _products[sku].StoreEnabled.Remove(store);
            }
        }
    }

    /// <summary>Product saves answered with success so far (each one reindexes the product in Magento).</summary>
    public int ProductSaves { get; private set; }

    private Answer SaveProduct(string sku, JsonNode? body)
    {
        if (body?["product"] is not JsonObject product)
        {
            return Answer.Required("product");
        }

        int? status = null;
        if (product["status"] is { } statusNode)
        {
            if (statusNode is not JsonValue value || !value.TryGetValue<int>(out var s) || s is not (1 or 2))
            {
                return Answer.Error(400, "Invalid product data: %1", new JsonArray("The value of attribute \"status\" must be 1 (enabled) or 2 (disabled)."));
            }

            status = s;
        }

        var created = false;
        if (!_products.TryGetValue(sku, out var existing))
        {
            // The repository creates a product under an unknown SKU; its required attributes must then be there.
            var name = product["name"]?.GetValue<string>();
            if (string.IsNullOrEmpty(name) || product["price"] is null)
            {
                return Answer.Error(400, "Invalid product data: %1", new JsonArray($"The \"{(string.IsNullOrEmpty(name) ? "name" : "price")}\" attribute value is empty. Set the attribute and try again."));
            }

            existing = new EmuProduct { Id = _nextProductId++, Sku = sku, Name = name, TypeId = product["type_id"]?.GetValue<string>() ?? "simple", Price = product["price"]!.GetValue<decimal>() };
            _products[sku] = existing;
            created = true;
        }

        if (status is { } written)
        {
            // A new product's values are its default values, whatever the scope of the URL.
            if (_requestStoreId == 0 || created)
            {
                existing.Enabled = written == 1;
            }
            else
            {
                existing.StoreEnabled[_requestStoreId] = written == 1;
            }
        }

        ProductSaves++;
        return Answer.Json(ProductJson(existing));
    }
}
