using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Connectors.Testing.WooCommerce.Internal;

namespace Connectors.Testing.WooCommerce;

/// <summary>
/// Prices as WooCommerce keeps them, from the REST v3 product and variation docs (<c>regular_price</c>, <c>sale_price</c>
/// strings; <c>date_on_sale_from(_gmt)</c>/<c>date_on_sale_to(_gmt)</c> date-times; read-only <c>price</c> and
/// <c>on_sale</c>) and the products controller's <c>prepare_object_for_database</c>: a field is applied when it is
/// present (<c>isset</c>), <c>""</c> clears it; a price string goes through <c>wc_format_decimal</c> (the shop's decimal
/// separator and <c>.</c> become the point, every character but digits, <c>.</c> and <c>-</c> is dropped, only the last
/// point is kept; never rounded, never refused); a <c>_gmt</c> date is read as UTC and one that does not parse clears
/// the date (<c>strtotime</c> gives false); a variable or grouped product's own prices are cleared on every update. A
/// sale price at or above the regular price is stored but the product is not on sale and its <c>price</c> is the
/// regular one (<c>is_on_sale</c>). A value that is not a string or number (an object, an array) is refused for that
/// item with <c>rest_invalid_param</c>. The shop's currency is one setting (<c>woocommerce_currency</c>,
/// <c>GET settings/general</c>); prices carry no currency.
/// </summary>
public sealed partial class WooCommerceEmulator
{
    private static readonly string[] PriceFields = ["regular_price", "sale_price", "date_on_sale_from", "date_on_sale_from_gmt", "date_on_sale_to", "date_on_sale_to_gmt"];

    /// <summary>The shop's currency (<c>woocommerce_currency</c>).</summary>
    /// <value><c>USD</c>, as the recorded shop.</value>
    public string Currency { get; set; } = "USD";

    /// <summary>The decimals shown in prices (<c>woocommerce_price_num_decimals</c>).</summary>
    /// <value>2.</value>
    public int PriceDecimals { get; set; } = 2;

    /// <summary>The shop's decimal separator (<c>woocommerce_price_decimal_sep</c>), which <c>wc_format_decimal</c> reads as the point.</summary>
    /// <value><c>.</c>.</value>
    public string PriceDecimalSeparator { get; set; } = ".";

    /// <summary>The price fields of a product or variation, as stored.</summary>
    /// <param name="productId">The product (the parent for a variation).</param>
    /// <param name="variationId">The variation, or 0.</param>
    /// <returns>Its prices.</returns>
    public WooCommerceEmulatorPrice GetPrice(long productId, long variationId = 0)
    {
        lock (_gate)
        {
            var product = _products[variationId == 0 ? productId : variationId];
            var now = Now;
            return new WooCommerceEmulatorPrice
            {
                RegularPrice = product.RegularPrice,
                SalePrice = product.SalePrice,
                SaleFrom = product.SaleFrom is { } from ? new DateTimeOffset(from, TimeSpan.Zero) : null,
                SaleTo = product.SaleTo is { } to ? new DateTimeOffset(to, TimeSpan.Zero) : null,
                Price = product.ActivePrice(now),
                OnSale = product.IsOnSale(now),
            };
        }
    }

    /// <summary>
    /// Checks the price fields of a batch item and returns how to apply them, or the item's error. Applied after the
    /// item's other checks pass, so a refused item changes nothing.
    /// </summary>
    private (Action<EmuProduct>? Apply, JsonObject? Error) ReadPricesLocked(EmuProduct product, JsonNode? item)
    {
        if (item is not JsonObject fields)
        {
            return (null, null);
        }

        foreach (var name in PriceFields)
        {
            if (fields[name] is { } node && node is not JsonValue)
            {
                return (null, EmuJson.Error("rest_invalid_param", $"Invalid parameter(s): {name}", 400));
            }
        }

        if (product.Type is "variable" or "grouped")
        {
            // prepare_object_for_database: a variable or grouped product has no price of its own, whatever was sent.
            return (p => (p.RegularPrice, p.SalePrice, p.SaleFrom, p.SaleTo) = (string.Empty, string.Empty, null, null), null);
        }

        var zone = TimeZone;
        var separator = PriceDecimalSeparator;
        return (p =>
        {
            if (Present(fields, "regular_price", out var regular))
            {
                p.RegularPrice = FormatDecimal(regular, separator);
            }

            if (Present(fields, "sale_price", out var sale))
            {
                p.SalePrice = FormatDecimal(sale, separator);
            }

            if (Present(fields, "date_on_sale_from", out var fromLocal))
            {
                p.SaleFrom = ParseDate(fromLocal, zone);
            }

            if (Present(fields, "date_on_sale_from_gmt", out var from))
            {
                p.SaleFrom = ParseDate(from, TimeZoneInfo.Utc);
            }

            if (Present(fields, "date_on_sale_to", out var toLocal))
            {
                p.SaleTo = ParseDate(toLocal, zone);
            }

            if (Present(fields, "date_on_sale_to_gmt", out var to))
            {
                p.SaleTo = ParseDate(to, TimeZoneInfo.Utc);
            }
        }, null);
    }

    /// <summary>PHP's <c>isset</c>: the field is there and not null; its value as PHP would see it as a string.</summary>
    private static bool Present(JsonObject fields, string name, out string value)
    {
        value = string.Empty;
        if (fields[name] is not JsonValue node)
        {
            return false;
        }

        value = node.TryGetValue<string>(out var s) ? s
            : node.TryGetValue<bool>(out var b) ? (b ? "1" : string.Empty)
            : node.ToJsonString();
        return true;
    }

    /// <summary><c>wc_format_decimal($number)</c> without rounding or trimming, as <c>set_regular_price</c> calls it.</summary>
    internal static string FormatDecimal(string number, string separator)
    {
        var text = number.Trim();
        foreach (var point in new[] { separator, "." }.Where(s => s.Length > 0).Distinct())
        {
            text = text.Replace(point, ".", StringComparison.Ordinal);
        }

        return NotDecimal().Replace(text, string.Empty);
    }

    /// <summary><c>strtotime</c> of an ISO 8601 date (in <paramref name="zone"/> unless it names an offset); null when empty or not a date.</summary>
    private static DateTime? ParseDate(string text, TimeZoneInfo zone)
    {
        if (text.Length == 0)
        {
            return null;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var withOffset) && HasOffset(text))
        {
            return withOffset.UtcDateTime;
        }

        if (!DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return null;
        }

        return TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), zone);
    }

    private static bool HasOffset(string text) => text.EndsWith('Z') || OffsetSuffix().IsMatch(text);

    private JsonArray SettingsGeneral() =>
    [
        Setting("woocommerce_currency", "Currency", "select", Currency),
        Setting("woocommerce_price_decimal_sep", "Decimal separator", "text", PriceDecimalSeparator),
        Setting("woocommerce_price_num_decimals", "Number of decimals", "number", PriceDecimals.ToString(CultureInfo.InvariantCulture)),
    ];

    private JsonObject Setting(string id, string label, string type, string value) => new()
    {
        ["id"] = id,
        ["label"] = label,
        ["type"] = type,
        ["value"] = value,
        ["_links"] = new JsonObject
        {
            ["self"] = new JsonArray(new JsonObject { ["href"] = $"{ApiBase}settings/general/{id}" }),
            ["collection"] = new JsonArray(new JsonObject { ["href"] = $"{ApiBase}settings/general" }),
        },
    };

    // The dots but the last, and everything that is not a digit, a dot or a minus: wc_format_decimal's preg_replace.
    [GeneratedRegex(@"\.(?![^.]+$)|[^0-9.\-]", RegexOptions.CultureInvariant)]
    private static partial Regex NotDecimal();

    [GeneratedRegex(@"[+\-]\d{2}:?\d{2}$", RegexOptions.CultureInvariant)]
    private static partial Regex OffsetSuffix();
}
