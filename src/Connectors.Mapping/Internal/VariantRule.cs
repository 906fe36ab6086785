namespace Connectors.Mapping.Internal;

/// <summary>A compiled variant rule: attribute names folded (no case, no <c>pa_</c> prefix).</summary>
internal sealed record VariantRule(int Index, string ParentId, KeyValuePair<string, string>[] Attributes, ItemComponent Component)
{
    public static string FoldAttributeName(string name)
    {
        var trimmed = name.Trim();
        return (trimmed.StartsWith("pa_", StringComparison.OrdinalIgnoreCase) ? trimmed[3..] : trimmed).ToUpperInvariant();
    }

    public bool Matches(ChannelItem item)
    {
        if (!string.Equals(item.ParentId, ParentId, StringComparison.Ordinal) || item.Attributes is null)
        {
            return false;
        }

        foreach (var wanted in Attributes)
        {
            var found = false;
            foreach (var actual in item.Attributes)
            {
                if (string.Equals(FoldAttributeName(actual.Key), wanted.Key, StringComparison.Ordinal)
                    && string.Equals(actual.Value?.Trim(), wanted.Value, StringComparison.OrdinalIgnoreCase))
                {
                    found = true;
                    break;
                }
            }

            if (!found)
            {
                return false;
            }
        }

        return true;
    }
}
