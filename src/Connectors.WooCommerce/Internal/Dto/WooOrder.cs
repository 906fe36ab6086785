using System.Text.Json.Serialization;
using Connectors.WooCommerce.Internal.Json;

namespace Connectors.WooCommerce.Internal.Dto;

internal sealed class WooOrder
{
    public long Id { get; init; }
    public long? ParentId { get; init; }
    public string? Number { get; init; }
    public string? Status { get; init; }
    public string? Currency { get; init; }
    public string? DateCreated { get; init; }
    public string? DateCreatedGmt { get; init; }
    public string? DateModified { get; init; }
    public string? DateModifiedGmt { get; init; }
    public string? DatePaidGmt { get; init; }
    public string? DateCompletedGmt { get; init; }
    public decimal? Total { get; init; }
    public decimal? ShippingTotal { get; init; }
    public decimal? DiscountTotal { get; init; }
    public string? CustomerNote { get; init; }
    public string? PaymentMethod { get; init; }
    public string? PaymentMethodTitle { get; init; }
    public string? TransactionId { get; init; }

    [JsonConverter(typeof(EmptyAsNullConverter<WooAddress>))]
    public WooAddress? Billing { get; init; }

    [JsonConverter(typeof(EmptyAsNullConverter<WooAddress>))]
    public WooAddress? Shipping { get; init; }

    [JsonConverter(typeof(FlexibleListConverter<WooLineItem>))]
    public List<WooLineItem> LineItems { get; set; } = [];

    [JsonConverter(typeof(FlexibleListConverter<WooShippingLine>))]
    public List<WooShippingLine> ShippingLines { get; set; } = [];

    [JsonConverter(typeof(FlexibleListConverter<WooMeta>))]
    public List<WooMeta> MetaData { get; set; } = [];

    [JsonConverter(typeof(FlexibleListConverter<WooRefundRef>))]
    public List<WooRefundRef> Refunds { get; set; } = [];
}
