namespace Connectors.Mapping;

/// <summary>
/// Sellable units of a channel item: the minimum over its components of floor(available / units per selling unit),
/// zero when the item is off sale. Flooring means a channel never shows a pack or bundle the stock cannot fill.
/// </summary>
internal sealed class ComponentAvailabilityCalculator : IAvailabilityCalculator
{
    public int Calculate(ChannelItemDefinition item, IReadOnlyDictionary<string, decimal> availableBySku)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(availableBySku);
        if (!item.OnSale)
        {
            return 0;
        }

        var sellable = decimal.MaxValue;
        foreach (var component in item.Components)
        {
            var available = availableBySku.TryGetValue(component.Sku, out var value) ? value : 0m;
            var units = available <= 0m ? 0m : decimal.Floor(available / component.QuantityPerUnit);
            if (units < sellable)
            {
                sellable = units;
            }
        }

        return sellable >= int.MaxValue ? int.MaxValue : (int)sellable;
    }
}
