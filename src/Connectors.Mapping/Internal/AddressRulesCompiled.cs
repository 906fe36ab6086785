using Connectors.Mapping.Profiles;

namespace Connectors.Mapping.Internal;

/// <summary>Compiled address rules; <see cref="Limits"/> holds only the fields with a limit.</summary>
internal sealed record AddressRulesCompiled(
    bool NormaliseCountry,
    bool NormaliseProvince,
    bool NormalisePhone,
    bool RequireCountry,
    CompanyMode Company,
    string JoinSeparator,
    KeyValuePair<string, int>[] Limits,
    LengthLimitAction LengthAction)
{
    public int LimitOf(string field)
    {
        foreach (var limit in Limits)
        {
            if (string.Equals(limit.Key, field, StringComparison.Ordinal))
            {
                return limit.Value;
            }
        }

        return int.MaxValue;
    }
}
