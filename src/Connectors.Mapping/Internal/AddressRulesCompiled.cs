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
    LengthLimitAction LengthAction,
    bool RequireShipTo = true)
{
    public int Name { get; } = Find(Limits, "Name");

    public int CompanyLimit { get; } = Find(Limits, "Company");

    public int Line1 { get; } = Find(Limits, "Line1");

    public int Line2 { get; } = Find(Limits, "Line2");

    public int City { get; } = Find(Limits, "City");

    public int Province { get; } = Find(Limits, "Province");

    public int PostalCode { get; } = Find(Limits, "PostalCode");

    public int Phone { get; } = Find(Limits, "Phone");

    public int Email { get; } = Find(Limits, "Email");

    private static int Find(KeyValuePair<string, int>[] limits, string field)
    {
        foreach (var limit in limits)
        {
            if (string.Equals(limit.Key, field, StringComparison.Ordinal))
            {
                return limit.Value;
            }
        }

        return int.MaxValue;
    }
}
