namespace Connectors.Mapping.Profiles;

/// <summary>Address normalisation for the ship-to address, and the WMS's field limits.</summary>
public sealed class AddressRules
{
    /// <summary>Whether a country name (or a lower-case code) becomes its ISO 3166-1 alpha-2 code.</summary>
    /// <value><see langword="true"/> by default.</value>
    public bool NormaliseCountry { get; set; } = true;

    /// <summary>Whether a province or state name becomes its code (US, CA, AU, DE); other countries keep what the channel sent.</summary>
    /// <value><see langword="true"/> by default.</value>
    public bool NormaliseProvince { get; set; } = true;

    /// <summary>Whether phone numbers are normalised to E.164 where the country's calling code is known.</summary>
    /// <value><see langword="true"/> by default.</value>
    public bool NormalisePhone { get; set; } = true;

    /// <summary>Whether the country is required: an address whose country cannot be resolved is a mapping error.</summary>
    /// <value><see langword="false"/> by default (a warning).</value>
    public bool RequireCountry { get; set; }

    /// <summary>How the company and name fields are combined.</summary>
    /// <value><see cref="CompanyMode.Keep"/> by default.</value>
    public CompanyMode Company { get; set; } = CompanyMode.Keep;

    /// <summary>The separator between name and company for <see cref="CompanyMode.JoinIntoName"/>.</summary>
    /// <value><c>" / "</c> by default.</value>
    public string JoinSeparator { get; set; } = " / ";

    /// <summary>The WMS's maximum length per field (<c>Name</c>, <c>Company</c>, <c>Line1</c>, <c>Line2</c>, <c>City</c>, <c>Province</c>, <c>PostalCode</c>, <c>Phone</c>, <c>Email</c>).</summary>
    public IDictionary<string, int> MaxLengths { get; } = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);

    /// <summary>What happens when a field is longer than its limit.</summary>
    /// <value><see cref="LengthLimitAction.Warn"/> by default (cut, with a warning).</value>
    public LengthLimitAction LengthAction { get; set; } = LengthLimitAction.Warn;

    /// <summary>
    /// Whether an order with a line that requires shipping (<see cref="ChannelOrderLine.RequiresShipping"/>) must have a
    /// usable ship-to address (a first address line, a city or postal code, and a country): without one the order is a
    /// mapping error (dead-lettered with its payload, field <c>ShippingAddress</c>) instead of reaching the WMS with no
    /// address. Set <see langword="false"/> for a channel whose orders are collected in store.
    /// </summary>
    /// <value><see langword="true"/> by default.</value>
    public bool RequireShipTo { get; set; } = true;
}
