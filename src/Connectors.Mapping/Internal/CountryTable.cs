using System.Collections.Frozen;
using Connectors.Mapping.Internal.Data;

namespace Connectors.Mapping.Internal;

/// <summary>Country names and codes to ISO 3166-1 alpha-2.</summary>
internal static class CountryTable
{
    private static readonly FrozenSet<string> Codes;
    private static readonly FrozenDictionary<string, string> ByName;
    private static readonly FrozenDictionary<string, string> ByKey;

    static CountryTable()
    {
        var codes = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var byName = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var byKey = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var row in CountryData.Rows)
        {
            var parts = row.Split('|');
            var code = parts[0];
            codes.Add(code);
            for (var i = 1; i < parts.Length; i++)
            {
                byName.TryAdd(parts[i], code);
                byKey.TryAdd(NameKey.Fold(parts[i]), code);
            }

            byName.TryAdd(code, code);
        }

        Codes = codes.ToFrozenSet(StringComparer.OrdinalIgnoreCase);
        ByName = byName.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
        ByKey = byKey.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>Whether <paramref name="code"/> is an ISO 3166-1 alpha-2 code (any case).</summary>
    public static bool IsCode(string code) => code.Length == 2 && Codes.Contains(code);

    /// <summary>The alpha-2 code of a country name, variant or code (any case, with or without diacritics).</summary>
    public static bool TryGetCode(string? nameOrCode, out string code)
    {
        code = string.Empty;
        if (string.IsNullOrWhiteSpace(nameOrCode))
        {
            return false;
        }

        if (ByName.TryGetValue(nameOrCode, out var found) || ByKey.TryGetValue(NameKey.Fold(nameOrCode), out found))
        {
            code = found;
            return true;
        }

        return false;
    }
}
