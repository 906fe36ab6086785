namespace Connectors;

/// <summary>A postal address as a channel or the warehouse sees it. Every field is optional because channels differ.</summary>
public sealed record Address
{
    /// <summary>The recipient's full name.</summary>
    public string? Name { get; init; }

    /// <summary>The company name.</summary>
    public string? Company { get; init; }

    /// <summary>The first street line.</summary>
    public string? Line1 { get; init; }

    /// <summary>The second street line.</summary>
    public string? Line2 { get; init; }

    /// <summary>The city or town.</summary>
    public string? City { get; init; }

    /// <summary>The province, state or region, as written.</summary>
    public string? Province { get; init; }

    /// <summary>The province code (for example <c>CA</c> for California) where known.</summary>
    public string? ProvinceCode { get; init; }

    /// <summary>The postal or ZIP code.</summary>
    public string? PostalCode { get; init; }

    /// <summary>The country name, as written.</summary>
    public string? Country { get; init; }

    /// <summary>The ISO 3166-1 alpha-2 country code where known.</summary>
    public string? CountryCode { get; init; }

    /// <summary>The phone number.</summary>
    public string? Phone { get; init; }

    /// <summary>The e-mail address.</summary>
    public string? Email { get; init; }
}
