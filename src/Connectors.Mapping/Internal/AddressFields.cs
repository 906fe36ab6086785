namespace Connectors.Mapping.Internal;

/// <summary>The fields of <see cref="Address"/> by name, for rules and length limits.</summary>
internal static class AddressFields
{
    public static readonly string[] Names = ["Name", "Company", "Line1", "Line2", "City", "Province", "ProvinceCode", "PostalCode", "Country", "CountryCode", "Phone", "Email"];

    public static bool TryNormalise(string name, out string field)
    {
        foreach (var candidate in Names)
        {
            if (string.Equals(candidate, name, StringComparison.OrdinalIgnoreCase))
            {
                field = candidate;
                return true;
            }
        }

        field = string.Empty;
        return false;
    }

    public static string? Read(Address? address, string field) => address is null ? null : field switch
    {
        "Name" => address.Name,
        "Company" => address.Company,
        "Line1" => address.Line1,
        "Line2" => address.Line2,
        "City" => address.City,
        "Province" => address.Province,
        "ProvinceCode" => address.ProvinceCode,
        "PostalCode" => address.PostalCode,
        "Country" => address.Country,
        "CountryCode" => address.CountryCode,
        "Phone" => address.Phone,
        "Email" => address.Email,
        _ => null,
    };
}
