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

/// <summary>The answer of an <c>/async/bulk/V1/...</c> request (<c>async-operations-data-async-response-interface</c>).</summary>
internal sealed class AsyncBulkResponse
{
    [JsonPropertyName("bulk_uuid")]
    public string? BulkUuid { get; set; }

    [JsonPropertyName("request_items")]
    public List<AsyncBulkRequestItem>? RequestItems { get; set; }

    [JsonPropertyName("errors")]
    public bool Errors { get; set; }
}

/// <summary>One request of a bulk as accepted or rejected.</summary>
internal sealed class AsyncBulkRequestItem
{
    [JsonPropertyName("id")]
    public int Id { get; set; }

    [JsonPropertyName("status")]
    public string? Status { get; set; }
}

/// <summary><c>asynchronous-operations-data-bulk-operations-status-interface</c>.</summary>
internal sealed class BulkStatus
{
    [JsonPropertyName("bulk_id")]
    public string? BulkId { get; set; }

    [JsonPropertyName("operations_list")]
    public List<BulkOperationStatus>? OperationsList { get; set; }
}

/// <summary><c>asynchronous-operations-data-summary-operation-status-interface</c>.</summary>
internal sealed class BulkOperationStatus
{
    /// <summary>The operation's index in the bulk request.</summary>
    [JsonPropertyName("id")]
    public int Id { get; set; }

    /// <summary>1 complete, 2 failed (retriable), 3 failed, 4 open, 5 rejected.</summary>
    [JsonPropertyName("status")]
    public int Status { get; set; }

    [JsonPropertyName("result_message")]
    public string? ResultMessage { get; set; }
}
