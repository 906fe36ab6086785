using System.Globalization;

namespace Connectors.WooCommerce;

/// <summary>
/// The channel item id convention of this connector: <c>"117"</c> for a simple product, <c>"119/121"</c> for
/// variation 121 of variable product 119. Order lines carry the same ids.
/// </summary>
public readonly record struct WooCommerceChannelItemId(long ProductId, long VariationId)
{
    /// <summary>Whether this is a variation.</summary>
    public bool IsVariation => VariationId != 0;

    /// <summary>Formats the id: <c>"117"</c> or <c>"119/121"</c>.</summary>
    /// <returns>The channel item id.</returns>
    public override string ToString() => IsVariation
        ? string.Create(CultureInfo.InvariantCulture, $"{ProductId}/{VariationId}")
        : ProductId.ToString(CultureInfo.InvariantCulture);

    /// <summary>Parses <c>"117"</c> or <c>"119/121"</c>.</summary>
    /// <param name="value">The channel item id.</param>
    /// <param name="id">The parsed id.</param>
    /// <returns>Whether the value follows the convention.</returns>
    public static bool TryParse(string? value, out WooCommerceChannelItemId id)
    {
        id = default;
        if (string.IsNullOrEmpty(value))
        {
            return false;
        }

        var slash = value.IndexOf('/', StringComparison.Ordinal);
        var productPart = slash < 0 ? value.AsSpan() : value.AsSpan(0, slash);
        if (!long.TryParse(productPart, NumberStyles.None, CultureInfo.InvariantCulture, out var product) || product <= 0)
        {
            return false;
        }

        long variation = 0;
        if (slash >= 0 && (!long.TryParse(value.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out variation) || variation <= 0))
        {
            return false;
        }

        id = new WooCommerceChannelItemId(product, variation);
        return true;
    }
}
