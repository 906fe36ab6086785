using System.Text.Json.Serialization;

namespace Connectors.Magento.Internal.Dto;

/// <summary><c>sales-data-creditmemo-interface</c>, the fields the connector reads.</summary>
internal sealed class CreditMemo
{
    [JsonPropertyName("entity_id")]
    public long EntityId { get; set; }

    [JsonPropertyName("order_id")]
    public long OrderId { get; set; }

    [JsonPropertyName("comments")]
    public List<CreditMemoComment>? Comments { get; set; }
}

/// <summary><c>sales-data-creditmemo-comment-interface</c> and <c>-creation-interface</c>.</summary>
internal sealed class CreditMemoComment
{
    [JsonPropertyName("comment")]
    public string? Comment { get; set; }

    [JsonPropertyName("is_visible_on_front")]
    public int IsVisibleOnFront { get; set; }
}

/// <summary><c>sales-data-creditmemo-item-creation-interface</c>.</summary>
internal sealed class CreditMemoItem
{
    [JsonPropertyName("order_item_id")]
    public long OrderItemId { get; set; }

    [JsonPropertyName("qty")]
    public decimal Qty { get; set; }
}

/// <summary>The body of <c>POST /V1/order/{orderId}/refund</c>.</summary>
internal sealed class RefundOrderRequest
{
    [JsonPropertyName("items")]
    public List<CreditMemoItem> Items { get; set; } = [];

    [JsonPropertyName("notify")]
    public bool Notify { get; set; }

    [JsonPropertyName("appendComment")]
    public bool AppendComment { get; set; }

    [JsonPropertyName("comment")]
    public CreditMemoComment? Comment { get; set; }

    [JsonPropertyName("arguments")]
    public CreditMemoArguments? Arguments { get; set; }
}

/// <summary><c>sales-data-creditmemo-creation-arguments-interface</c>.</summary>
internal sealed class CreditMemoArguments
{
    [JsonPropertyName("shipping_amount")]
    public decimal ShippingAmount { get; set; }

    [JsonPropertyName("adjustment_positive")]
    public decimal AdjustmentPositive { get; set; }

    [JsonPropertyName("adjustment_negative")]
    public decimal AdjustmentNegative { get; set; }

    [JsonPropertyName("extension_attributes")]
    public CreditMemoArgumentsExtension? ExtensionAttributes { get; set; }
}

/// <summary><c>sales-data-creditmemo-creation-arguments-extension-interface</c>.</summary>
internal sealed class CreditMemoArgumentsExtension
{
    [JsonPropertyName("return_to_stock_items")]
    public List<long> ReturnToStockItems { get; set; } = [];
}

/// <summary><c>rma-data-rma-interface</c> (Adobe Commerce), the fields the connector reads.</summary>
internal sealed class Rma
{
    [JsonPropertyName("entity_id")]
    public long EntityId { get; set; }

    [JsonPropertyName("order_id")]
    public long OrderId { get; set; }

    [JsonPropertyName("date_requested")]
    public string? DateRequested { get; set; }

    [JsonPropertyName("status")]
    public string? Status { get; set; }

    [JsonPropertyName("items")]
    public List<RmaItem>? Items { get; set; }

    [JsonPropertyName("comments")]
    public List<RmaComment>? Comments { get; set; }
}

/// <summary><c>rma-data-item-interface</c>.</summary>
internal sealed class RmaItem
{
    [JsonPropertyName("order_item_id")]
    public long OrderItemId { get; set; }

    [JsonPropertyName("qty_requested")]
    public decimal? QtyRequested { get; set; }

    [JsonPropertyName("qty_authorized")]
    public decimal? QtyAuthorized { get; set; }

    [JsonPropertyName("reason")]
    public string? Reason { get; set; }

    [JsonPropertyName("status")]
    public string? Status { get; set; }
}

/// <summary><c>rma-data-comment-interface</c>: read, and written with its required fields.</summary>
internal sealed class RmaComment
{
    [JsonPropertyName("comment")]
    public string? Comment { get; set; }

    [JsonPropertyName("rma_entity_id")]
    public long RmaEntityId { get; set; }

    [JsonPropertyName("created_at")]
    public string? CreatedAt { get; set; }

    [JsonPropertyName("entity_id")]
    public long EntityId { get; set; }

    [JsonPropertyName("customer_notified")]
    public bool CustomerNotified { get; set; }

    [JsonPropertyName("visible_on_front")]
    public bool VisibleOnFront { get; set; }

    [JsonPropertyName("status")]
    public string? Status { get; set; }

    [JsonPropertyName("admin")]
    public bool Admin { get; set; }
}

/// <summary>The body of <c>POST /V1/returns/{id}/comments</c>.</summary>
internal sealed class RmaCommentRequest
{
    [JsonPropertyName("data")]
    public RmaComment Data { get; set; } = new();
}
