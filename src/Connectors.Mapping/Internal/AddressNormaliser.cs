using System.Globalization;
using Connectors.Mapping.Profiles;

namespace Connectors.Mapping.Internal;

/// <summary>Applies a profile's address rules to the ship-to address: country and province codes, E.164 phone, company/name, length limits.</summary>
internal static class AddressNormaliser
{
    public static Address? Apply(Address? address, AddressRulesCompiled rules, ChannelOrder order, ref List<string>? warnings)
    {
        if (address is null)
        {
            return null;
        }

        var countryCode = address.CountryCode;
        if (countryCode is { Length: 2 } && CountryTable.IsCode(countryCode))
        {
            countryCode = Upper(countryCode);
        }
        else if (rules.NormaliseCountry && CountryTable.TryGetCode(string.IsNullOrWhiteSpace(countryCode) ? address.Country : countryCode, out var found))
        {
            countryCode = found;
        }
        else
        {
            var written = countryCode ?? address.Country;
            var message = $"country '{written}' is not an ISO 3166-1 country the mapping knows";
            if (rules.RequireCountry)
            {
                throw new MappingException(order.Channel, order.OrderId, null, "ShippingAddress.Country", message + ".", "Address");
            }

            Warn(ref warnings, message + "; sent as written.");
        }

        var provinceCode = address.ProvinceCode;
        if (rules.NormaliseProvince && countryCode is { Length: 2 })
        {
            var written = string.IsNullOrWhiteSpace(provinceCode) ? address.Province : provinceCode;
            if (ProvinceTable.TryGetCode(countryCode, written, out var code, out var covered))
            {
                provinceCode = code;
            }
            else if (covered && !string.IsNullOrWhiteSpace(written))
            {
                Warn(ref warnings, $"province '{written}' is not a known subdivision of {countryCode}; sent as written.");
            }
        }

        var phone = address.Phone;
        if (rules.NormalisePhone && !string.IsNullOrWhiteSpace(phone))
        {
            if (PhoneNormaliser.TryNormalise(phone, countryCode, out var e164))
            {
                phone = e164;
            }
            else
            {
                Warn(ref warnings, $"phone number of the ship-to address could not be written in E.164; sent as written.");
            }
        }

        var name = address.Name;
        var company = address.Company;
        switch (rules.Company)
        {
            case CompanyMode.JoinIntoName when !string.IsNullOrWhiteSpace(company):
                name = string.IsNullOrWhiteSpace(name) ? company : string.Concat(name, rules.JoinSeparator, company);
                company = null;
                break;
            case CompanyMode.CompanyWhenNoName when string.IsNullOrWhiteSpace(name):
                name = company;
                break;
            case CompanyMode.SplitLongName when name is not null && string.IsNullOrWhiteSpace(company):
                var max = rules.Name;
                if (name.Length > max)
                {
                    var cut = name.LastIndexOf(' ', max);
                    if (cut > 0)
                    {
                        company = name[(cut + 1)..];
                        name = name[..cut];
                    }
                }

                break;
        }

        var line1 = address.Line1;
        var line2 = address.Line2;
        var city = address.City;
        var province = address.Province;
        var postalCode = address.PostalCode;
        var email = address.Email;
        if (rules.Limits.Length > 0)
        {
            name = Limit(name, "Name", rules.Name, rules.LengthAction, order, ref warnings);
            company = Limit(company, "Company", rules.CompanyLimit, rules.LengthAction, order, ref warnings);
            line1 = Limit(line1, "Line1", rules.Line1, rules.LengthAction, order, ref warnings);
            line2 = Limit(line2, "Line2", rules.Line2, rules.LengthAction, order, ref warnings);
            city = Limit(city, "City", rules.City, rules.LengthAction, order, ref warnings);
            province = Limit(province, "Province", rules.Province, rules.LengthAction, order, ref warnings);
            postalCode = Limit(postalCode, "PostalCode", rules.PostalCode, rules.LengthAction, order, ref warnings);
            phone = Limit(phone, "Phone", rules.Phone, rules.LengthAction, order, ref warnings);
            email = Limit(email, "Email", rules.Email, rules.LengthAction, order, ref warnings);
        }

        if (Same(countryCode, address.CountryCode) && Same(provinceCode, address.ProvinceCode)
            && Same(phone, address.Phone) && Same(name, address.Name) && Same(company, address.Company)
            && Same(line1, address.Line1) && Same(line2, address.Line2) && Same(city, address.City)
            && Same(province, address.Province) && Same(postalCode, address.PostalCode) && Same(email, address.Email))
        {
            return address;
        }

        return address with
        {
            Name = name,
            Company = company,
            Line1 = line1,
            Line2 = line2,
            City = city,
            Province = province,
            ProvinceCode = provinceCode,
            PostalCode = postalCode,
            CountryCode = countryCode,
            Phone = phone,
            Email = email,
        };
    }

    private static string? Limit(string? value, string field, int max, LengthLimitAction action, ChannelOrder order, ref List<string>? warnings)
    {
        if (value is null || value.Length <= max)
        {
            return value;
        }

        var message = string.Create(CultureInfo.InvariantCulture, $"ship-to {field} has {value.Length} characters; the WMS takes {max}");
        if (action == LengthLimitAction.Error)
        {
            throw new MappingException(order.Channel, order.OrderId, null, "ShippingAddress." + field, message + ".", "Address");
        }

        Warn(ref warnings, message + "; cut to fit.");
        return value[..max].TrimEnd();
    }

    private static bool Same(string? a, string? b) => string.Equals(a, b, StringComparison.Ordinal);

    private static string Upper(string code) => char.IsAsciiLetterUpper(code[0]) && char.IsAsciiLetterUpper(code[1]) ? code : code.ToUpperInvariant();

    private static void Warn(ref List<string>? warnings, string message) => (warnings ??= []).Add(message);
}
