namespace Connectors.Returns.Internal;

/// <summary>
/// Turns a WMS return receipt (SKUs and quantities) back into channel order lines in selling units: a bundle or pack
/// counts as returned only for the whole units all its components cover.
/// </summary>
internal static class ReturnLineMapper
{
    public static async ValueTask<IReadOnlyList<ReturnLine>> MapAsync(ReturnReceipt receipt, ChannelOrder order, IItemResolver resolver, CancellationToken cancellationToken)
    {
        // Received quantity per (channel line, SKU); a line without a channel line id goes to the first order line using the SKU.
        var received = new Dictionary<string, Dictionary<string, decimal>>(StringComparer.Ordinal);
        var definitions = new Dictionary<string, ChannelItemDefinition>(StringComparer.Ordinal);
        foreach (var line in order.Lines)
        {
            var definition = await resolver.FindByChannelItemAsync(order.Channel, line.ChannelItemId, cancellationToken).ConfigureAwait(false);
            if (definition is not null)
            {
                definitions[line.LineId] = definition;
            }
        }

        for (var i = 0; i < receipt.Lines.Count; i++)
        {
            var line = receipt.Lines[i];
            var lineId = line.ChannelLineId
                ?? order.Lines.FirstOrDefault(l => definitions.TryGetValue(l.LineId, out var d) && d.Components.Any(c => c.Sku == line.Sku))?.LineId
                ?? throw new MappingException(order.Channel, order.OrderId, null, $"Lines[{i}].Sku", $"return receipt {receipt.ReceiptId} holds SKU '{line.Sku}', which no line of the order uses.");
            if (!received.TryGetValue(lineId, out var bySku))
            {
                received[lineId] = bySku = new Dictionary<string, decimal>(StringComparer.Ordinal);
            }

            bySku[line.Sku] = bySku.GetValueOrDefault(line.Sku) + line.Quantity;
        }

        var result = new List<ReturnLine>();
        foreach (var (lineId, bySku) in received)
        {
            var orderLine = order.FindLine(lineId)
                ?? throw new MappingException(order.Channel, order.OrderId, lineId, "Lines.ChannelLineId", $"return receipt {receipt.ReceiptId} names a line the order does not have.");
            if (!definitions.TryGetValue(lineId, out var definition))
            {
                throw new MappingException(order.Channel, order.OrderId, lineId, "Lines.ChannelItemId", $"channel item '{orderLine.ChannelItemId}' is not mapped to a WMS SKU.");
            }

            var units = (decimal)orderLine.Quantity;
            foreach (var component in definition.Components)
            {
                units = Math.Min(units, decimal.Floor(bySku.GetValueOrDefault(component.Sku) / component.QuantityPerUnit));
            }

            if (units > 0)
            {
                result.Add(new ReturnLine(lineId, (int)units, null, orderLine.ChannelItemId));
            }
        }

        if (result.Count == 0)
        {
            throw new MappingException(order.Channel, order.OrderId, null, "Lines", $"return receipt {receipt.ReceiptId} covers no whole unit of any line of the order.");
        }

        return result;
    }
}
