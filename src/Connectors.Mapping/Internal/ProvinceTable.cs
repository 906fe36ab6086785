using System.Collections.Frozen;
using Connectors.Mapping.Internal.Data;

namespace Connectors.Mapping.Internal;

/// <summary>Province and state names to codes, for the countries in <see cref="ProvinceData"/>.</summary>
internal static class ProvinceTable
{
    private static readonly FrozenDictionary<string, FrozenDictionary<string, string>> ByCountry = Build();

    /// <summary>The code of a province name, variant or code in a country (any case); <paramref name="covered"/> tells whether the table knows the country.</summary>
    public static bool TryGetCode(string countryCode, string? nameOrCode, out string code, out bool covered)
    {
        code = string.Empty;
        covered = ByCountry.TryGetValue(countryCode, out var names);
        if (!covered || string.IsNullOrWhiteSpace(nameOrCode))
        {
            return false;
        }

        if (names!.TryGetValue(nameOrCode.Trim(), out var found) || names.TryGetValue(NameKey.Fold(nameOrCode), out found))
        {
            code = found;
            return true;
        }

        return false;
    }

    private static FrozenDictionary<string, FrozenDictionary<string, string>> Build()
    {
        var countries = new Dictionary<string, Dictionary<string, string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var row in ProvinceData.Rows)
        {
            var parts = row.Split('|');
            if (!countries.TryGetValue(parts[0], out var names))
            {
                names = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                countries[parts[0]] = names;
            }

            var code = parts[1];
            names.TryAdd(code, code);
            for (var i = 2; i < parts.Length; i++)
            {
                names.TryAdd(parts[i], code);
                names.TryAdd(NameKey.Fold(parts[i]), code);
            }
        }

        return countries.ToFrozenDictionary(
            kv => kv.Key,
            kv => kv.Value.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase),
            StringComparer.OrdinalIgnoreCase);
    }
}
