using System.Text.Json.Serialization;

namespace Connectors.Magento.Internal.Dto;

/// <summary><c>sales-data-order-interface</c>, the fields the connector reads.</summary>
internal sealed class Order
{
    [JsonPropertyName("entity_id")]
    public long EntityId { get; set; }

    [JsonPropertyName("increment_id")]
    public string? IncrementId { get; set; }

    [JsonPropertyName("state")]
    public string? State { get; set; }

    [JsonPropertyName("status")]
    public string? Status { get; set; }

    [JsonPropertyName("store_id")]
    public int? StoreId { get; set; }

    [JsonPropertyName("created_at")]
    public string? CreatedAt { get; set; }

    [JsonPropertyName("updated_at")]
    public string? UpdatedAt { get; set; }

    [JsonPropertyName("order_currency_code")]
    public string? OrderCurrencyCode { get; set; }

    [JsonPropertyName("grand_total")]
    public decimal? GrandTotal { get; set; }

    [JsonPropertyName("total_paid")]
    public decimal? TotalPaid { get; set; }

    [JsonPropertyName("total_refunded")]
    public decimal? TotalRefunded { get; set; }

    [JsonPropertyName("total_due")]
    public decimal? TotalDue { get; set; }

    [JsonPropertyName("shipping_amount")]
    public decimal? ShippingAmount { get; set; }

    [JsonPropertyName("shipping_description")]
    public string? ShippingDescription { get; set; }

    [JsonPropertyName("customer_email")]
    public string? CustomerEmail { get; set; }

    [JsonPropertyName("customer_note")]
    public string? CustomerNote { get; set; }

    [JsonPropertyName("items")]
    public List<OrderItem>? Items { get; set; }

    [JsonPropertyName("billing_address")]
    public OrderAddress? BillingAddress { get; set; }

    [JsonPropertyName("payment")]
    public OrderPayment? Payment { get; set; }

    [JsonPropertyName("status_histories")]
    public List<StatusHistory>? StatusHistories { get; set; }

    [JsonPropertyName("extension_attributes")]
    public OrderExtension? ExtensionAttributes { get; set; }
}

/// <summary><c>sales-data-order-item-interface</c>, the fields the connector reads.</summary>
internal sealed class OrderItem
{
    [JsonPropertyName("item_id")]
    public long ItemId { get; set; }

    [JsonPropertyName("order_id")]
    public long? OrderId { get; set; }

    [JsonPropertyName("parent_item_id")]
    public long? ParentItemId { get; set; }

    [JsonPropertyName("sku")]
    public string? Sku { get; set; }

    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonPropertyName("product_id")]
    public long? ProductId { get; set; }

    [JsonPropertyName("product_type")]
    public string? ProductType { get; set; }

    [JsonPropertyName("qty_ordered")]
    public decimal? QtyOrdered { get; set; }

    [JsonPropertyName("qty_shipped")]
    public decimal? QtyShipped { get; set; }

    [JsonPropertyName("qty_canceled")]
    public decimal? QtyCanceled { get; set; }

    [JsonPropertyName("qty_refunded")]
    public decimal? QtyRefunded { get; set; }

    [JsonPropertyName("qty_invoiced")]
    public decimal? QtyInvoiced { get; set; }

    [JsonPropertyName("price")]
    public decimal? Price { get; set; }
}

/// <summary><c>sales-data-order-address-interface</c>.</summary>
internal sealed class OrderAddress
{
    [JsonPropertyName("firstname")]
    public string? Firstname { get; set; }

    [JsonPropertyName("lastname")]
    public string? Lastname { get; set; }

    [JsonPropertyName("company")]
    public string? Company { get; set; }

    [JsonPropertyName("street")]
    public List<string>? Street { get; set; }

    [JsonPropertyName("city")]
    public string? City { get; set; }

    [JsonPropertyName("region")]
    public string? Region { get; set; }

    [JsonPropertyName("region_code")]
    public string? RegionCode { get; set; }

    [JsonPropertyName("postcode")]
    public string? Postcode { get; set; }

    [JsonPropertyName("country_id")]
    public string? CountryId { get; set; }

    [JsonPropertyName("telephone")]
    public string? Telephone { get; set; }

    [JsonPropertyName("email")]
    public string? Email { get; set; }
}

/// <summary><c>sales-data-order-payment-interface</c>, the fields the connector reads.</summary>
internal sealed class OrderPayment
{
    [JsonPropertyName("method")]
    public string? Method { get; set; }

    [JsonPropertyName("amount_paid")]
    public decimal? AmountPaid { get; set; }

    [JsonPropertyName("amount_authorized")]
    public decimal? AmountAuthorized { get; set; }
}

/// <summary><c>sales-data-order-status-history-interface</c>.</summary>
internal sealed class StatusHistory
{
    [JsonPropertyName("comment")]
    public string? Comment { get; set; }

    [JsonPropertyName("status")]
    public string? Status { get; set; }

    [JsonPropertyName("is_customer_notified")]
    public int? IsCustomerNotified { get; set; }

    [JsonPropertyName("is_visible_on_front")]
    public int IsVisibleOnFront { get; set; }

    [JsonPropertyName("parent_id")]
    public long ParentId { get; set; }
}

/// <summary>The body of <c>POST /V1/orders/{id}/comments</c>.</summary>
internal sealed class OrderCommentRequest
{
    [JsonPropertyName("statusHistory")]
    public StatusHistory StatusHistory { get; set; } = new();
}

/// <summary><c>sales-data-order-extension-interface</c>, the shipping assignments.</summary>
internal sealed class OrderExtension
{
    [JsonPropertyName("shipping_assignments")]
    public List<ShippingAssignment>? ShippingAssignments { get; set; }
}

/// <summary><c>sales-data-shipping-assignment-interface</c>.</summary>
internal sealed class ShippingAssignment
{
    [JsonPropertyName("shipping")]
    public Shipping? Shipping { get; set; }
}

/// <summary><c>sales-data-shipping-interface</c>.</summary>
internal sealed class Shipping
{
    [JsonPropertyName("address")]
    public OrderAddress? Address { get; set; }

    [JsonPropertyName("method")]
    public string? Method { get; set; }
}
