using System.Globalization;
using Connectors.Shopify.Internal.Json;

namespace Connectors.Shopify.Internal;

/// <summary>Maps a GraphQL <c>Order</c> to the canonical <see cref="ChannelOrder"/>; money from <c>shopMoney</c> as decimal.</summary>
internal static class ShopifyOrderMapper
{
    /// <summary>Maps an order whose every line item is in <paramref name="lineItems"/> (the caller pages the rest).</summary>
    /// <param name="channel">The channel name.</param>
    /// <param name="order">The order.</param>
    /// <param name="lineItems">All its line items.</param>
    /// <param name="scope">In fulfilment-service mode, the part of the order assigned to the service.</param>
    public static ChannelOrder Map(string channel, OrderNode order, IReadOnlyList<LineItemNode> lineItems, FulfillmentServiceScope? scope = null)
    {
        var currency = order.CurrencyCode ?? order.TotalPriceSet?.ShopMoney?.CurrencyCode
            ?? throw new MappingException(channel, order.Id, null, "currencyCode", "is missing.");
        var lines = new List<ChannelOrderLine>();
        foreach (var line in lineItems)
        {
            // Nothing to ship for the warehouse: gift cards and digital goods.
            if (line.RequiresShipping == false)
            {
                continue;
            }

            // quantity still counts units refunded or removed by an order edit; currentQuantity does not.
            var quantity = line.CurrentQuantity ?? line.Quantity;

            // unfulfilledQuantity: "The number of units not yet fulfilled." The rest of the units still ordered were
            // fulfilled, by this connector or by anyone else; the engine leaves out of the warehouse order what was
            // fulfilled before the WMS got it, and does not treat later fulfilments as an order change.
            var fulfilled = line.UnfulfilledQuantity is { } unfulfilled ? Math.Clamp(quantity - unfulfilled, 0, Math.Max(0, quantity)) : 0;
            if (scope is not null)
            {
                // The service's part of the line and its progress on it, not the whole line's.
                quantity = scope.Quantities.TryGetValue(line.Id, out var assigned) ? assigned : 0;
                fulfilled = Math.Clamp(scope.Fulfilled.GetValueOrDefault(line.Id), 0, Math.Max(0, quantity));
            }

            if (quantity <= 0)
            {
                continue;
            }

            var price = line.OriginalUnitPriceSet?.ShopMoney is { } money ? ToMoney(money, channel, order.Id, line.Id) : new Money(0m, currency);
            var properties = new Dictionary<string, string>(StringComparer.Ordinal);
            if (line.Variant?.Id is { } variantId)
            {
                properties["shopify.variantId"] = variantId;
            }

            var itemId = line.Variant?.InventoryItem?.Id ?? line.Variant?.Id ?? line.Id;
            lines.Add(new ChannelOrderLine(line.Id, itemId, quantity, price, line.Sku, line.Title, properties)
            {
                // The units Shopify took from available for this line (see ShopifyChannel.StockMoves).
                StockHeld = order.CancelledAt is null ? line.CurrentQuantity ?? line.Quantity : 0,
                FulfilledQuantity = fulfilled,
            });
        }

        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        if (scope is not null)
        {
            attributes["shopify.fulfillmentOrderIds"] = string.Join(',', scope.FulfillmentOrderIds);
            attributes["shopify.fulfillmentRequest"] = scope.RequestStatus;
        }
        else if (order.FulfillmentOrders?.Nodes is { Count: > 0 } fulfillmentOrders)
        {
            attributes["shopify.fulfillmentOrderIds"] = string.Join(',', fulfillmentOrders.Select(f => f.Id));
        }

        if (order.Acknowledgement?.Value is { } ack)
        {
            attributes["shopify.acknowledgement"] = ack;
        }

        // On hold when every unfulfilled item is (displayFulfillmentStatus ON_HOLD) and also when only some fulfilment
        // orders are: "The fulfillment process can't be initiated until the hold on the fulfillment order is released",
        // and the order goes to the warehouse whole once the merchant lifts the hold (a new version of the order).
        var status = order.CancelledAt is not null || scope is { CancellationRequested: true } ? ChannelOrderStatus.Cancelled
            : order.DisplayFulfillmentStatus == "ON_HOLD" || order.FulfillmentOrders?.Nodes?.Any(f => f?.Status == "ON_HOLD") == true ? ChannelOrderStatus.OnHold
            : order.Closed == true ? ChannelOrderStatus.Completed
            : ChannelOrderStatus.Open;
        return new ChannelOrder(
            channel,
            order.Id,
            currency,
            lines,
            order.CreatedAt,
            scope?.UpdatedAt is { } scoped && scoped > order.UpdatedAt ? scoped : order.UpdatedAt,
            order.Name,
            status,
            Payment(order.DisplayFinancialStatus),
            Fulfillment(order.DisplayFulfillmentStatus),
            Address(order.ShippingAddress, order.Email),
            Address(order.BillingAddress, order.Email),
            order.Email,
            order.ShippingLine?.Title,
            order.TotalShippingPriceSet?.ShopMoney is { } shipping ? ToMoney(shipping, channel, order.Id, null) : null,
            order.TotalPriceSet?.ShopMoney is { } total ? ToMoney(total, channel, order.Id, null) : null,
            order.Note,
            order.Tags,
            attributes);
    }

    internal static PaymentStatus Payment(string? status) => status switch
    {
        "PENDING" => PaymentStatus.Pending,
        "AUTHORIZED" => PaymentStatus.Authorized,
        "PARTIALLY_PAID" => PaymentStatus.PartiallyPaid,
        "PAID" => PaymentStatus.Paid,
        "PARTIALLY_REFUNDED" => PaymentStatus.PartiallyRefunded,
        "REFUNDED" => PaymentStatus.Refunded,
        "VOIDED" => PaymentStatus.Voided,
        "EXPIRED" => PaymentStatus.Failed,
        _ => PaymentStatus.Unknown,
    };

    private static FulfillmentStatus Fulfillment(string? status) => status switch
    {
        "FULFILLED" => FulfillmentStatus.Fulfilled,
        "PARTIALLY_FULFILLED" => FulfillmentStatus.PartiallyFulfilled,
        _ => FulfillmentStatus.Unfulfilled,
    };

    private static Address? Address(AddressNode? address, string? email) => address is null
        ? null
        : new Address
        {
            Name = address.Name,
            Company = address.Company,
            Line1 = address.Address1,
            Line2 = address.Address2,
            City = address.City,
            Province = address.Province,
            ProvinceCode = address.ProvinceCode,
            PostalCode = address.Zip,
            Country = address.Country,
            CountryCode = address.CountryCodeV2,
            Phone = address.Phone,
            Email = email,
        };

    private static Money ToMoney(MoneyV2 money, string channel, string orderId, string? lineId)
    {
        if (!decimal.TryParse(money.Amount, NumberStyles.Number, CultureInfo.InvariantCulture, out var amount))
        {
            throw new MappingException(channel, orderId, lineId, "shopMoney.amount", $"'{money.Amount}' is not a decimal amount.");
        }

        return new Money(amount, money.CurrencyCode);
    }
}
