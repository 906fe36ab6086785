using System.Text.Json.Serialization;

namespace Connectors.WooCommerce.Internal.Dto;

internal sealed class WooAddress
{
    public string? FirstName { get; init; }
    public string? LastName { get; init; }
    public string? Company { get; init; }
    [JsonPropertyName("address_1")]
    public string? Address1 { get; init; }

    [JsonPropertyName("address_2")]
    public string? Address2 { get; init; }
    public string? City { get; init; }
    public string? State { get; init; }
    public string? Postcode { get; init; }
    public string? Country { get; init; }
    public string? Email { get; init; }
    public string? Phone { get; init; }
}
