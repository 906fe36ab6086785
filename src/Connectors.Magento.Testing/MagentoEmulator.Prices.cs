using System.Globalization;
using System.Text.Json.Nodes;
using Connectors.Testing.Magento.Internal;

namespace Connectors.Testing.Magento;

/// <summary>
/// Prices as Magento's efficient price API keeps them (<c>Magento\Catalog\Model\Product\Price</c>): base prices per store
/// id, special prices with <c>special_from_date</c>/<c>special_to_date</c> written only when given, deleted per website,
/// failed items answered as <c>{message, parameters}</c> without an index while the valid ones are saved; the special
/// price applied from its first to its last day inclusive in the store's time zone, and only when below the price.
/// </summary>
public sealed partial class MagentoEmulator
{
    private const string MagentoDateFormat = "yyyy-MM-dd HH:mm:ss";
    private readonly Dictionary<(string Sku, int Store), decimal> _basePrices = [];
    private readonly Dictionary<(string Sku, int Store), EmuSpecialPrice> _specialPrices = [];
    private int _requestStoreId = 1;

    /// <summary>The base currency of every store view (<c>base_currency_code</c>). Default EUR.</summary>
    public string BaseCurrency { get; set; } = "EUR";

    /// <summary>The stores' time zone (<c>general/locale/timezone</c>, an IANA id). Default UTC.</summary>
    public string TimeZone { get; set; } = "UTC";

    /// <summary>
    /// Whether the catalogue price scope is website (store views' prices used) rather than global (Magento's default:
    /// special prices only for store 0, base prices of other stores stored but not used).
    /// </summary>
    public bool PriceScopeWebsite { get; set; }

    /// <summary>The base price a store view uses for a SKU: its own under website scope, else the default (store 0) one.</summary>
    /// <param name="sku">The SKU.</param>
    /// <param name="storeCode">The store view.</param>
    /// <returns>The price.</returns>
    public decimal GetBasePrice(string sku, string storeCode = "default")
    {
        lock (_gate)
        {
            return BasePriceLocked(sku, StoreId(storeCode));
        }
    }

    /// <summary>The special price stored for a SKU and store id, with its dates as Magento keeps them, or null.</summary>
    /// <param name="sku">The SKU.</param>
    /// <param name="storeId">The store id (0 for the default values).</param>
    /// <returns>The price and its <c>Y-m-d H:i:s</c> dates (null when none).</returns>
    public (decimal Price, string? From, string? To)? GetSpecialPrice(string sku, int storeId = 0)
    {
        lock (_gate)
        {
            return _specialPrices.TryGetValue((sku, storeId), out var s) ? (s.Price, s.From, s.To) : null;
        }
    }

    /// <summary>
    /// The price a buyer pays on a store view now: the base price, or the special price when it is lower and today (in
    /// <see cref="TimeZone"/>) lies between its dates, both days included.
    /// </summary>
    /// <param name="sku">The SKU.</param>
    /// <param name="storeCode">The store view.</param>
    /// <returns>The final price.</returns>
    public decimal GetFinalPrice(string sku, string storeCode = "default")
    {
        lock (_gate)
        {
            var store = StoreId(storeCode);
            var price = BasePriceLocked(sku, store);
            return SpecialLocked(sku, store) is { } special && special.Price < price && IsActive(special) ? special.Price : price;
        }
    }

    /// <summary>Sets a special price as an admin would.</summary>
    /// <param name="sku">The SKU.</param>
    /// <param name="price">The special price.</param>
    /// <param name="from">The first day, <c>Y-m-d H:i:s</c>, or null.</param>
    /// <param name="to">The last day, <c>Y-m-d H:i:s</c>, or null.</param>
    /// <param name="storeId">The store id.</param>
    public void SetSpecialPrice(string sku, decimal price, string? from = null, string? to = null, int storeId = 0)
    {
        lock (_gate)
        {
            _specialPrices[(sku, storeId)] = new EmuSpecialPrice { Price = price, From = from, To = to };
        }
    }

    /// <summary>The store id of a store code: <c>all</c> is the admin store 0, <c>default</c> store 1, others after it.</summary>
    private int StoreId(string code) =>
        code == "all" || code == "admin" ? 0
        : code == "default" ? 1
        : 2 + StoreCodes.Where(c => c is not ("all" or "default" or "admin")).Order(StringComparer.Ordinal).ToList().IndexOf(code);

    private bool StoreExists(int id) => id == 0 || StoreCodes.Any(c => c is not ("all" or "admin") && StoreId(c) == id);

    private decimal BasePriceLocked(string sku, int store) =>
        PriceScopeWebsite && store != 0 && _basePrices.TryGetValue((sku, store), out var own) ? own
        : _basePrices.TryGetValue((sku, 0), out var price) ? price
        : _products.TryGetValue(sku, out var product) ? product.Price : 0m;

    private EmuSpecialPrice? SpecialLocked(string sku, int store) =>
        PriceScopeWebsite && store != 0 && _specialPrices.TryGetValue((sku, store), out var own) ? own
        : _specialPrices.GetValueOrDefault((sku, 0));

    /// <summary>Magento's <c>isScopeDateInInterval</c>: the dates are the store's wall clock; the last day counts whole.</summary>
    private bool IsActive(EmuSpecialPrice special)
    {
        var now = TimeZoneInfo.ConvertTime(_time.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById(TimeZone)).DateTime;
        return !(special.From is { } from && now < ParseDate(from))
            && !(special.To is { } to && now > ParseDate(to).AddDays(1));
    }

    private static DateTime ParseDate(string text) => DateTime.ParseExact(text, MagentoDateFormat, CultureInfo.InvariantCulture);

    private Answer? RoutePrices(string method, string path, JsonNode? body) => (method, path) switch
    {
        ("POST", "/V1/products/base-prices") => SaveBasePrices(body),
        ("POST", "/V1/products/special-price") => SaveSpecialPrices(body, delete: false),
        ("POST", "/V1/products/special-price-delete") => SaveSpecialPrices(body, delete: true),
        ("POST", "/V1/products/special-price-information") => SpecialPriceInformation(body),
        ("GET", "/V1/store/storeConfigs") => Answer.Json(new JsonArray(StoreCodes.Where(c => c is not ("all" or "admin")).Order(StringComparer.Ordinal).Select(c => (JsonNode)StoreConfigJson(c)).ToArray())),
        _ => null,
    };

    private JsonObject StoreConfigJson(string code)
    {
        var url = BaseUrl.ToString();
        return new JsonObject
        {
            ["id"] = StoreId(code), ["code"] = code, ["website_id"] = 1, ["locale"] = "en_US", ["base_currency_code"] = BaseCurrency,
            ["default_display_currency_code"] = BaseCurrency, ["timezone"] = TimeZone, ["weight_unit"] = "kgs",
            ["base_url"] = url, ["base_link_url"] = url, ["base_static_url"] = url + "static/", ["base_media_url"] = url + "media/",
            ["secure_base_url"] = url, ["secure_base_link_url"] = url, ["secure_base_static_url"] = url + "static/", ["secure_base_media_url"] = url + "media/",
        };
    }

    /// <summary>BasePriceStorage::update: invalid rows answered, the others saved.</summary>
    private Answer SaveBasePrices(JsonNode? body)
    {
        if (body?["prices"] is not JsonArray prices)
        {
            return Answer.Required("prices");
        }

        var failed = new JsonArray();
        foreach (var row in prices)
        {
            var sku = row?["sku"]?.GetValue<string>();
            var price = Number(row?["price"]);
            var store = row?["store_id"] is JsonValue s && s.TryGetValue<int>(out var id) ? id : -1;
            var ok = true;
            if (string.IsNullOrEmpty(sku) || !_products.ContainsKey(sku))
            {
                failed.Add(Failure("Invalid attribute %fieldName = %fieldValue.", "SKU", sku));
                ok = false;
            }

            if (price is null or < 0)
            {
                failed.Add(Failure("Invalid attribute %fieldName = %fieldValue.", "Price", price?.ToString(CultureInfo.InvariantCulture)));
                ok = false;
            }

            if (!StoreExists(store))
            {
                failed.Add(Failure("Requested store is not found. Row ID: SKU = %SKU, Store ID: %storeId.", sku, store.ToString(CultureInfo.InvariantCulture)));
                ok = false;
            }

            if (ok)
            {
                _basePrices[(sku!, store)] = price!.Value;
            }
        }

        return Answer.Json(failed);
    }

    /// <summary>SpecialPriceStorage::update and ::delete (Open Source resource model).</summary>
    private Answer SaveSpecialPrices(JsonNode? body, bool delete)
    {
        if (body?["prices"] is not JsonArray prices)
        {
            return Answer.Required("prices");
        }

        var failed = new JsonArray();
        foreach (var row in prices)
        {
            var sku = row?["sku"]?.GetValue<string>();
            var price = Number(row?["price"]);
            var store = row?["store_id"] is JsonValue s && s.TryGetValue<int>(out var id) ? id : -1;
            var from = row?["price_from"]?.GetValue<string>();
            var to = row?["price_to"]?.GetValue<string>();
            string?[] rowId = [sku, store.ToString(CultureInfo.InvariantCulture), from, to];
            const string RowId = " Row ID: SKU = %SKU, Store ID: %storeId, Price From: %priceFrom, Price To: %priceTo.";
            var errors = failed.Count;
            if (string.IsNullOrEmpty(sku) || !_products.ContainsKey(sku))
            {
                failed.Add(Failure("The product that was requested doesn't exist. Verify the product and try again." + RowId, rowId));
            }

            if (!PriceScopeWebsite && store != 0)
            {
                failed.Add(Failure("Could not change non global Price when price scope is global." + RowId, rowId));
            }

            if (!StoreExists(store))
            {
                failed.Add(Failure("Requested store is not found." + RowId, rowId));
            }

            if (price is null or < 0)
            {
                failed.Add(Failure("Invalid attribute Price = %price." + RowId, [price?.ToString(CultureInfo.InvariantCulture), .. rowId]));
            }

            foreach (var (label, value) in new[] { ("Price From", from), ("Price To", to) })
            {
                if (!string.IsNullOrEmpty(value) && !DateTime.TryParseExact(value, MagentoDateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
                {
                    failed.Add(Failure("Invalid attribute %label = %priceTo." + RowId, [label, .. rowId]));
                }
            }

            if (failed.Count > errors)
            {
                continue;
            }

            if (delete)
            {
                // The resource model deletes the SKU's special price and both dates in every store of the row's website.
                foreach (var key in _specialPrices.Keys.Where(k => k.Sku == sku && (store == 0 ? k.Store == 0 : k.Store != 0)).ToList())
                {
                    _specialPrices.Remove(key);
                }

                continue;
            }

            // Only the dates given are written: an empty one leaves the stored date as it was.
            var old = _specialPrices.GetValueOrDefault((sku!, store));
            _specialPrices[(sku!, store)] = new EmuSpecialPrice
            {
                Price = price!.Value,
                From = string.IsNullOrEmpty(from) ? old?.From : from,
                To = string.IsNullOrEmpty(to) ? old?.To : to,
            };
        }

        return Answer.Json(failed);
    }

    /// <summary>SpecialPriceStorage::get: unknown SKUs filtered out; a date Magento has none for is left out of the row.</summary>
    private Answer SpecialPriceInformation(JsonNode? body)
    {
        if (body?["skus"] is not JsonArray skus)
        {
            return Answer.Required("skus");
        }

        var wanted = skus.Select(s => s?.GetValue<string>()).Where(s => s is not null && _products.ContainsKey(s)).ToHashSet(StringComparer.Ordinal);
        var rows = new JsonArray();
        foreach (var ((sku, store), special) in _specialPrices.Where(kv => wanted.Contains(kv.Key.Sku)).OrderBy(kv => kv.Key.Sku, StringComparer.Ordinal).ThenBy(kv => kv.Key.Store))
        {
            var row = new JsonObject { ["price"] = special.Price, ["store_id"] = store, ["sku"] = sku };
            if (special.From is not null)
            {
                row["price_from"] = special.From;
            }

            if (special.To is not null)
            {
                row["price_to"] = special.To;
            }

            rows.Add(row);
        }

        return Answer.Json(rows);
    }

    private JsonArray ProductCustomAttributes(EmuProduct product)
    {
        var attributes = new JsonArray();
        if (SpecialLocked(product.Sku, _requestStoreId) is { } special)
        {
            attributes.Add(new JsonObject { ["attribute_code"] = "special_price", ["value"] = special.Price.ToString("0.000000", CultureInfo.InvariantCulture) });
            if (special.From is not null)
            {
                attributes.Add(new JsonObject { ["attribute_code"] = "special_from_date", ["value"] = special.From });
            }

            if (special.To is not null)
            {
                attributes.Add(new JsonObject { ["attribute_code"] = "special_to_date", ["value"] = special.To });
            }
        }

        return attributes;
    }

    private static decimal? Number(JsonNode? node) =>
        node is JsonValue value && (value.TryGetValue<decimal>(out var d) || (value.TryGetValue<string>(out var text) && decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out d))) ? d : null;

    private static JsonObject Failure(string message, params string?[] parameters) =>
        new() { ["message"] = message, ["parameters"] = new JsonArray(parameters.Select(p => (JsonNode?)JsonValue.Create(p ?? string.Empty)).ToArray()) };

    private sealed class EmuSpecialPrice
    {
        public decimal Price { get; init; }

        public string? From { get; init; }

        public string? To { get; init; }
    }
}
