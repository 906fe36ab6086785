namespace Connectors.Shopify.Internal.Json;

internal sealed record AddressNode(
    string? Name,
    string? Company,
    string? Address1,
    string? Address2,
    string? City,
    string? Province,
    string? ProvinceCode,
    string? Zip,
    string? Country,
    string? CountryCodeV2,
    string? Phone);
