namespace Connectors.Mapping.Internal;

/// <summary>
/// Sellable whole units: the minimum over components of floor(available / units per selling unit), zero when off
/// sale or when any component is missing. Converting down always floors: a channel never shows a pack, weight unit
/// or bundle the stock cannot fill.
/// </summary>
internal sealed class ProfileAvailabilityCalculator : IAvailabilityCalculator
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
        var components = item.Components;
        for (var i = 0; i < components.Count; i++)
        {
            var component = components[i];
            if (!availableBySku.TryGetValue(component.Sku, out var available) || available <= 0m)
            {
                return 0;
            }

            var units = decimal.Floor(available / component.QuantityPerUnit);
            if (units < sellable)
            {
                sellable = units;
            }
        }

        return sellable >= int.MaxValue ? int.MaxValue : (int)sellable;
    }
}
