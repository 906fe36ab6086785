using System.Globalization;

namespace Connectors.Shopify.Internal;

/// <summary>Shopify global ids (<c>gid://shopify/Type/123</c>).</summary>
internal static class ShopifyIds
{
    public const string InventoryItem = "InventoryItem";
    public const string Product = "Product";
    public const string Location = "Location";
    public const string Order = "Order";
    public const string Fulfillment = "Fulfillment";
    public const string Return = "Return";

    /// <summary>
    /// Accepts a GID of <paramref name="type"/> whose id is numeric (optionally followed by a <c>?query</c>, as some
    /// Shopify GIDs carry) or a bare numeric id; returns the GID or null when neither (<c>gid://shopify/Order/abc</c> is refused).
    /// </summary>
    public static string? Normalise(string value, string type)
    {
        var prefix = "gid://shopify/" + type + "/";
        if (value.StartsWith(prefix, StringComparison.Ordinal))
        {
            var tail = value.AsSpan(prefix.Length);
            var query = tail.IndexOf('?');
            var number = query < 0 ? tail : tail[..query];
            return ulong.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out _) ? value : null;
        }

        return ulong.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out _) ? prefix + value : null;
    }

    public static string Gid(string type, long id) => "gid://shopify/" + type + "/" + id.ToString(CultureInfo.InvariantCulture);
}
