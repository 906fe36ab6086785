using System.Text;
using Connectors.Mapping.Profiles;

namespace Connectors.Mapping.Internal;

/// <summary>Normalises SKUs for auto-matching: trim, optionally remove all whitespace, strip a prefix, fold case.</summary>
internal sealed class SkuNormaliser(AutoMatchOptions options)
{
    private readonly bool _ignoreCase = options.IgnoreCase;
    private readonly bool _removeWhitespace = options.RemoveWhitespace;
    private readonly string[] _prefixes = [.. options.StripPrefixes.Where(p => !string.IsNullOrEmpty(p))];

    /// <summary>The SKU without whitespace and prefix, case kept: what becomes the WMS SKU when no WMS list is given.</summary>
    public string Clean(string sku)
    {
        var value = sku.Trim();
        if (_removeWhitespace && value.Any(char.IsWhiteSpace))
        {
            var builder = new StringBuilder(value.Length);
            foreach (var ch in value)
            {
                if (!char.IsWhiteSpace(ch))
                {
                    builder.Append(ch);
                }
            }

            value = builder.ToString();
        }

        foreach (var prefix in _prefixes)
        {
            if (value.Length > prefix.Length && value.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                value = value[prefix.Length..];
                break;
            }
        }

        return value;
    }

    /// <summary>The comparison key.</summary>
    public string Key(string sku)
    {
        var clean = Clean(sku);
        return _ignoreCase ? clean.ToUpperInvariant() : clean;
    }
}
