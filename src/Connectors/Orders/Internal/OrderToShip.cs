namespace Connectors.Orders.Internal;

/// <summary>
/// What of a channel order the WMS is asked to ship. When the engine first submits an order, the units the channel
/// already shows fulfilled (<see cref="ChannelOrderLine.FulfilledQuantity"/>: shipped by the merchant or another app
/// before the WMS had the order) are left out, and the engine keeps those counts as the order's baseline. Every later
/// version of an order the WMS has is mapped against that same baseline, not against the fulfilled counts of the
/// version: fulfilment progress (the WMS's own shipments confirmed on the channel, or the shop's own fulfilments) then
/// leaves the warehouse order as it was, and only a change of what was ordered, the address or the shipping reaches the
/// WMS as an update.
/// </summary>
internal static class OrderToShip
{
    /// <summary>The units per line id the channel shows fulfilled (lines with none left out).</summary>
    public static Dictionary<string, int> Fulfilled(ChannelOrder order)
    {
        ArgumentNullException.ThrowIfNull(order);
        var fulfilled = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var line in order.Lines)
        {
            var units = Math.Clamp(line.FulfilledQuantity, 0, line.Quantity);
            if (units > 0)
            {
                fulfilled[line.LineId] = units;
            }
        }

        return fulfilled;
    }

    /// <summary>
    /// The order with each line less the <paramref name="baseline"/> units of its line id; lines with nothing left are
    /// left out. The order itself when the baseline takes nothing.
    /// </summary>
    public static ChannelOrder Remaining(ChannelOrder order, IReadOnlyDictionary<string, int>? baseline)
    {
        ArgumentNullException.ThrowIfNull(order);
        if (baseline is not { Count: > 0 } || !order.Lines.Any(l => baseline.ContainsKey(l.LineId)))
        {
            return order;
        }

        var lines = new List<ChannelOrderLine>(order.Lines.Count);
        foreach (var line in order.Lines)
        {
            var left = line.Quantity - Math.Max(0, baseline.GetValueOrDefault(line.LineId));
            if (left <= 0)
            {
                continue;
            }

            lines.Add(left == line.Quantity ? line : new ChannelOrderLine(line.LineId, line.ChannelItemId, left, line.UnitPrice, line.Sku, line.Title, line.Properties)
            {
                RequiresShipping = line.RequiresShipping,
                StockHeld = line.StockHeld,
            });
        }

        return new ChannelOrder(
            order.Channel,
            order.OrderId,
            order.Currency,
            lines,
            order.CreatedAt,
            order.UpdatedAt,
            order.OrderNumber,
            order.Status,
            order.PaymentStatus,
            order.FulfillmentStatus,
            order.ShippingAddress,
            order.BillingAddress,
            order.Email,
            order.ShippingMethod,
            order.ShippingTotal,
            order.Total,
            order.Note,
            order.Tags,
            order.Attributes)
        {
            ShipBy = order.ShipBy,
        };
    }

    /// <summary>
    /// Whether the channel shows every unit of the order fulfilled (its fulfilment status, or each shipped line's
    /// fulfilled units): the warehouse has nothing left to do for it.
    /// </summary>
    public static bool AllFulfilled(ChannelOrder order)
    {
        ArgumentNullException.ThrowIfNull(order);
        if (order.FulfillmentStatus == FulfillmentStatus.Fulfilled)
        {
            return true;
        }

        var shipped = order.Lines.Where(l => l.RequiresShipping).ToList();
        return shipped.Count > 0 && shipped.All(l => l.FulfilledQuantity >= l.Quantity);
    }
}
