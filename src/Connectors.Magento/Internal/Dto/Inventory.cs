using System.Text.Json.Serialization;

namespace Connectors.Magento.Internal.Dto;

/// <summary><c>inventory-api-data-source-item-interface</c>.</summary>
internal sealed class SourceItem
{
    [JsonPropertyName("sku")]
    public string? Sku { get; set; }

    [JsonPropertyName("source_code")]
    public string? SourceCode { get; set; }

    [JsonPropertyName("quantity")]
    public decimal? Quantity { get; set; }

    /// <summary>1 in stock, 0 out of stock.</summary>
    [JsonPropertyName("status")]
    public int? Status { get; set; }
}

/// <summary>The body of <c>POST /V1/inventory/source-items</c>.</summary>
internal sealed class SourceItemsRequest
{
    [JsonPropertyName("sourceItems")]
    public List<SourceItem> SourceItems { get; set; } = [];
}

/// <summary>The body of <c>POST /V1/integration/admin/token</c>.</summary>
internal sealed class AdminTokenRequest
{
    [JsonPropertyName("username")]
    public string Username { get; set; } = string.Empty;

    [JsonPropertyName("password")]
    public string Password { get; set; } = string.Empty;
}
