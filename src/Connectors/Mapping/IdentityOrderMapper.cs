using System.Globalization;

namespace Connectors.Mapping;

/// <summary>
/// The default order mapper: explodes each line through <see cref="IItemResolver"/> (so bundles and packs work
/// with any resolver), keeps the address and note as they are, and applies <see cref="DefaultReleaseRules"/>.
/// Warehouse line ids are the channel line id, suffixed <c>:n</c> for the n-th component of a bundle.
/// </summary>
internal sealed class IdentityOrderMapper(IItemResolver resolver) : IOrderMapper
{
    public async ValueTask<OrderMappingResult> MapOrderAsync(ChannelOrder order, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(order);
        var lines = new List<WarehouseOrderLine>(order.Lines.Count);
        for (var i = 0; i < order.Lines.Count; i++)
        {
            var line = order.Lines[i];
            var definition = await ResolveAsync(order, line, i, cancellationToken).ConfigureAwait(false);
            for (var c = 0; c < definition.Components.Count; c++)
            {
                var component = definition.Components[c];
                var lineId = definition.Components.Count == 1 ? line.LineId : string.Create(CultureInfo.InvariantCulture, $"{line.LineId}:{c}");
                lines.Add(new WarehouseOrderLine(lineId, component.Sku, line.Quantity * component.QuantityPerUnit, line.LineId));
            }
        }

        var instructions = string.IsNullOrWhiteSpace(order.Note) ? null : new[] { order.Note };
        var warehouseOrder = new WarehouseOrder(
            order.Channel,
            order.OrderId,
            lines,
            order.OrderNumber,
            order.ShippingAddress,
            order.ShippingMethod,
            pickingInstructions: instructions,
            channelVersion: order.UpdatedAt)
        {
            ShipBy = order.ShipBy,
        };
        var (decision, reason) = DefaultReleaseRules.Decide(order);
        return new OrderMappingResult { Order = warehouseOrder, Release = decision, Reason = reason };
    }

    public async ValueTask<FulfillmentRequest> MapShipmentAsync(WarehouseShipment shipment, ChannelOrder order, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(shipment);
        ArgumentNullException.ThrowIfNull(order);
        var shippedBySku = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var line in shipment.Lines)
        {
            shippedBySku[line.Sku] = shippedBySku.GetValueOrDefault(line.Sku) + line.Quantity;
        }

        var result = new List<FulfillmentLine>();
        for (var i = 0; i < order.Lines.Count && shippedBySku.Count > 0; i++)
        {
            var line = order.Lines[i];
            var definition = await ResolveAsync(order, line, i, cancellationToken).ConfigureAwait(false);

            // A selling unit ships only when every component of it is in the parcel.
            var units = (decimal)line.Quantity;
            foreach (var component in definition.Components)
            {
                var covered = decimal.Floor(shippedBySku.GetValueOrDefault(component.Sku) / component.QuantityPerUnit);
                units = Math.Min(units, covered);
            }

            if (units <= 0)
            {
                continue;
            }

            foreach (var component in definition.Components)
            {
                var left = shippedBySku[component.Sku] - (units * component.QuantityPerUnit);
                if (left == 0)
                {
                    shippedBySku.Remove(component.Sku);
                }
                else
                {
                    shippedBySku[component.Sku] = left;
                }
            }

            result.Add(new FulfillmentLine(line.LineId, (int)units));
        }

        if (result.Count == 0)
        {
            var sku = shipment.Lines[0].Sku;
            throw new MappingException(
                order.Channel,
                order.OrderId,
                null,
                "Lines[0].Sku",
                $"shipment {shipment.ShipmentId} ships '{sku}', which covers no whole unit of any line of the order.");
        }

        return new FulfillmentRequest(order.OrderId, result, shipment.ShipmentId, shipment.Carrier, shipment.Tracking);
    }

    public async ValueTask<ExpectedReturn> MapReturnAsync(ReturnRequest request, ChannelOrder order, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(order);
        var lines = new List<WarehouseShipmentLine>();
        for (var i = 0; i < request.Lines.Count; i++)
        {
            var returned = request.Lines[i];
            var line = order.FindLine(returned.LineId)
                ?? throw new MappingException(order.Channel, order.OrderId, returned.LineId, $"Lines[{i}].LineId", $"return {request.ReturnId} names a line the order does not have.");
            var definition = await ResolveAsync(order, line, i, cancellationToken).ConfigureAwait(false);
            foreach (var component in definition.Components)
            {
                lines.Add(new WarehouseShipmentLine(component.Sku, returned.Quantity * component.QuantityPerUnit, line.LineId));
            }
        }

        return new ExpectedReturn
        {
            Channel = request.Channel,
            ReturnId = request.ReturnId,
            ChannelOrderId = request.ChannelOrderId,
            Lines = lines,
        };
    }

    private async ValueTask<ChannelItemDefinition> ResolveAsync(ChannelOrder order, ChannelOrderLine line, int index, CancellationToken cancellationToken) =>
        await resolver.FindByChannelItemAsync(order.Channel, line.ChannelItemId, cancellationToken).ConfigureAwait(false)
        ?? throw new MappingException(
            order.Channel,
            order.OrderId,
            line.LineId,
            $"Lines[{index}].ChannelItemId",
            $"channel item '{line.ChannelItemId}' (SKU '{line.Sku}') is not mapped to a WMS SKU.");
}
