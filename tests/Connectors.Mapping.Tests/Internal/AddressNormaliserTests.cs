using Connectors.Mapping.Internal;
using Connectors.Mapping.Profiles;
using static Connectors.Mapping.Tests.MappingTestKit;

namespace Connectors.Mapping.Tests.Internal;

public class AddressNormaliserTests
{
    private static AddressRulesCompiled Rules(Action<AddressRules>? configure = null)
    {
        var store = Store(p =>
        {
            configure?.Invoke(p.Address);
        });
        return store.Find(Channel)!.Profile.Address;
    }

    private static Address? Apply(Address address, AddressRulesCompiled rules, out List<string>? warnings)
    {
        warnings = null;
        return AddressNormaliser.Apply(address, rules, Order([]), ref warnings);
    }

    [Theory]
    [InlineData("United States", "US")]
    [InlineData("united states of america", "US")]
    [InlineData("U.S.A.", "US")]
    [InlineData("Deutschland", "DE")]
    [InlineData("The Netherlands", "NL")]
    [InlineData("Holland", "NL")]
    [InlineData("Côte d'Ivoire", "CI")]
    [InlineData("Cote dIvoire", "CI")]
    [InlineData("Saint Kitts and Nevis", "KN")]
    [InlineData("St. Kitts & Nevis", "KN")]
    [InlineData("Korea, Republic of", "KR")]
    [InlineData("UK", "GB")]
    [InlineData("  japan ", "JP")]
    [InlineData("fr", "FR")]
    [InlineData("Türkiye", "TR")]
    public void Apply_CountryName_BecomesAlpha2(string country, string expected)
    {
        var result = Apply(new Address { Country = country }, Rules(), out var warnings);

        Assert.Equal(expected, result!.CountryCode);
        Assert.Null(warnings);
    }

    [Fact]
    public void Apply_UnknownCountry_WarnsOrFailsAsConfigured()
    {
        var address = new Address { Country = "Atlantis" };

        var warned = Apply(address, Rules(), out var warnings);
        var error = Assert.Throws<MappingException>(() => Apply(address, Rules(r => r.RequireCountry = true), out _));

        Assert.Null(warned!.CountryCode);
        Assert.Single(warnings!);
        Assert.Equal(("Address", "ShippingAddress.Country"), (error.Rule, error.FieldPath));
    }

    [Theory]
    [InlineData("US", "California", "CA")]
    [InlineData("US", "new york", "NY")]
    [InlineData("US", "tx", "TX")]
    [InlineData("US", "Washington D.C.", "DC")]
    [InlineData("CA", "Québec", "QC")]
    [InlineData("CA", "Quebec", "QC")]
    [InlineData("CA", "British Columbia", "BC")]
    [InlineData("AU", "New South Wales", "NSW")]
    [InlineData("AU", "victoria", "VIC")]
    [InlineData("DE", "Bayern", "BY")]
    [InlineData("DE", "North Rhine-Westphalia", "NW")]
    public void Apply_ProvinceName_BecomesCode(string country, string province, string expected)
    {
        var result = Apply(new Address { Province = province, CountryCode = country }, Rules(), out _);

        Assert.Equal(expected, result!.ProvinceCode);
        Assert.Equal(province, result.Province);
    }

    [Fact]
    public void Apply_ProvinceOfUncoveredCountry_KeptWithoutWarning()
    {
        var result = Apply(new Address { Province = "Lombardia", CountryCode = "IT" }, Rules(), out var warnings);

        Assert.Null(result!.ProvinceCode);
        Assert.Null(warnings);
    }

    [Theory]
    [InlineData("(555) 555-5555", "US", "+15555555555")]
    [InlineData("1-555-555-5555", "US", "+15555555555")]
    [InlineData("020 7946 0000", "GB", "+442079460000")]
    [InlineData("+44 (0)20 7946 0000", "GB", "+442079460000")]
    [InlineData("0049 30 1234567", "FR", "+49301234567")]
    [InlineData("030 1234567 ext. 12", "DE", "+49301234567")]
    [InlineData("06 1234 5678", "IT", "+390612345678")]
    [InlineData("0412 345 678", "AU", "+61412345678")]
    public void Apply_Phone_BecomesE164(string phone, string country, string expected)
    {
        var result = Apply(new Address { Phone = phone, CountryCode = country }, Rules(), out var warnings);

        Assert.Equal(expected, result!.Phone);
        Assert.Null(warnings);
    }

    [Fact]
    public void Apply_PhoneOfUnknownCallingCode_KeptWithWarning()
    {
        var result = Apply(new Address { Phone = "123 456", CountryCode = "AQ" }, Rules(), out var warnings);

        Assert.Equal("123 456", result!.Phone);
        Assert.Single(warnings!);
    }

    [Fact]
    public void Apply_JoinIntoName_MovesCompanyIntoName()
    {
        var result = Apply(new Address
        {
            Name = "Ada Lovelace",
            Company = "Analytical Engines Ltd",
            CountryCode = "GB",
        }, Rules(r => r.Company = CompanyMode.JoinIntoName), out _);

        Assert.Equal(("Ada Lovelace / Analytical Engines Ltd", null), (result!.Name, result.Company));
    }

    [Fact]
    public void Apply_CompanyWhenNoName_UsesCompanyAsName()
    {
        var result = Apply(new Address { Company = "Analytical Engines Ltd", CountryCode = "GB" }, Rules(r => r.Company = CompanyMode.CompanyWhenNoName), out _);

        Assert.Equal("Analytical Engines Ltd", result!.Name);
    }

    [Fact]
    public void Apply_SplitLongName_MovesOverflowWordsToCompany()
    {
        var rules = Rules(r =>
        {
            r.Company = CompanyMode.SplitLongName;
            r.MaxLengths["Name"] = 20;
        });

        var result = Apply(new Address { Name = "Augusta Ada King Countess of Lovelace", CountryCode = "GB" }, rules, out var warnings);

        Assert.Equal(("Augusta Ada King", "Countess of Lovelace"), (result!.Name, result.Company));
        Assert.Null(warnings);
    }

    [Fact]
    public void Apply_NothingToChange_ReturnsSameInstance()
    {
        var address = new Address { Name = "Ada", CountryCode = "GB", Phone = "+442079460000" };

        var result = Apply(address, Rules(), out _);

        Assert.Same(address, result);
    }
}
