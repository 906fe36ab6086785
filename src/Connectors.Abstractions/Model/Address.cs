namespace Connectors;

/// <summary>A postal address as a channel or the warehouse sees it. Every field is optional because channels differ.</summary>
/// <param name="Name">The recipient's full name.</param>
/// <param name="Company">The company name.</param>
/// <param name="Line1">The first street line.</param>
/// <param name="Line2">The second street line.</param>
/// <param name="City">The city or town.</param>
/// <param name="Province">The province, state or region, as written.</param>
/// <param name="ProvinceCode">The province code (for example <c>CA</c> for California) where known.</param>
/// <param name="PostalCode">The postal or ZIP code.</param>
/// <param name="Country">The country name, as written.</param>
/// <param name="CountryCode">The ISO 3166-1 alpha-2 country code where known.</param>
/// <param name="Phone">The phone number.</param>
/// <param name="Email">The e-mail address.</param>
public sealed record Address(
    string? Name = null,
    string? Company = null,
    string? Line1 = null,
    string? Line2 = null,
    string? City = null,
    string? Province = null,
    string? ProvinceCode = null,
    string? PostalCode = null,
    string? Country = null,
    string? CountryCode = null,
    string? Phone = null,
    string? Email = null);
