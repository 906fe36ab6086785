namespace Connectors.Mapping.Internal.Data;

/// <summary>
/// Subdivision codes (ISO 3166-2 without the country prefix; USPS codes for the US) with English and local names.
/// Format: <c>COUNTRY|CODE|name|variant|...</c>. Covers the US (states, DC, territories, military), Canada,
/// Australia and Germany.
/// </summary>
internal static class ProvinceData
{
    public static readonly string[] Rows =
    [
        "US|AL|Alabama", "US|AK|Alaska", "US|AZ|Arizona", "US|AR|Arkansas", "US|CA|California", "US|CO|Colorado",
        "US|CT|Connecticut", "US|DE|Delaware", "US|DC|District of Columbia|Washington DC|Washington D.C.", "US|FL|Florida",
        "US|GA|Georgia", "US|HI|Hawaii", "US|ID|Idaho", "US|IL|Illinois", "US|IN|Indiana", "US|IA|Iowa", "US|KS|Kansas",
        "US|KY|Kentucky", "US|LA|Louisiana", "US|ME|Maine", "US|MD|Maryland", "US|MA|Massachusetts", "US|MI|Michigan",
        "US|MN|Minnesota", "US|MS|Mississippi", "US|MO|Missouri", "US|MT|Montana", "US|NE|Nebraska", "US|NV|Nevada",
        "US|NH|New Hampshire", "US|NJ|New Jersey", "US|NM|New Mexico", "US|NY|New York|New York State", "US|NC|North Carolina",
        "US|ND|North Dakota", "US|OH|Ohio", "US|OK|Oklahoma", "US|OR|Oregon", "US|PA|Pennsylvania", "US|RI|Rhode Island",
        "US|SC|South Carolina", "US|SD|South Dakota", "US|TN|Tennessee", "US|TX|Texas", "US|UT|Utah", "US|VT|Vermont",
        "US|VA|Virginia", "US|WA|Washington|Washington State", "US|WV|West Virginia", "US|WI|Wisconsin", "US|WY|Wyoming",
        "US|AS|American Samoa", "US|GU|Guam", "US|MP|Northern Mariana Islands", "US|PR|Puerto Rico", "US|VI|Virgin Islands|U.S. Virgin Islands",
        "US|UM|United States Minor Outlying Islands", "US|AA|Armed Forces Americas", "US|AE|Armed Forces Europe", "US|AP|Armed Forces Pacific",
        "CA|AB|Alberta", "CA|BC|British Columbia|Colombie-Britannique", "CA|MB|Manitoba", "CA|NB|New Brunswick|Nouveau-Brunswick",
        "CA|NL|Newfoundland and Labrador|Newfoundland|Terre-Neuve-et-Labrador", "CA|NS|Nova Scotia|Nouvelle-Écosse",
        "CA|NT|Northwest Territories|Territoires du Nord-Ouest", "CA|NU|Nunavut", "CA|ON|Ontario", "CA|PE|Prince Edward Island|PEI|Île-du-Prince-Édouard",
        "CA|QC|Quebec|Québec|PQ", "CA|SK|Saskatchewan", "CA|YT|Yukon|Yukon Territory",
        "AU|ACT|Australian Capital Territory", "AU|NSW|New South Wales", "AU|NT|Northern Territory", "AU|QLD|Queensland",
        "AU|SA|South Australia", "AU|TAS|Tasmania", "AU|VIC|Victoria", "AU|WA|Western Australia",
        "DE|BW|Baden-Württemberg", "DE|BY|Bayern|Bavaria", "DE|BE|Berlin", "DE|BB|Brandenburg", "DE|HB|Bremen",
        "DE|HH|Hamburg", "DE|HE|Hessen|Hesse", "DE|MV|Mecklenburg-Vorpommern|Mecklenburg-Western Pomerania",
        "DE|NI|Niedersachsen|Lower Saxony", "DE|NW|Nordrhein-Westfalen|North Rhine-Westphalia", "DE|RP|Rheinland-Pfalz|Rhineland-Palatinate",
        "DE|SL|Saarland", "DE|SN|Sachsen|Saxony", "DE|ST|Sachsen-Anhalt|Saxony-Anhalt", "DE|SH|Schleswig-Holstein",
        "DE|TH|Thüringen|Thuringia",
    ];
}
