namespace Connectors.Orders.Internal;

/// <summary>Whether a newly mapped warehouse order differs from the one the WMS has (the channel version is not a difference).</summary>
internal static class OrderDiff
{
    public static bool HasChanges(WarehouseOrder current, WarehouseOrder next)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(next);
        if (current.Lines.Count != next.Lines.Count
            || !string.Equals(current.OrderNumber, next.OrderNumber, StringComparison.Ordinal)
            || current.ShipTo != next.ShipTo
            || !string.Equals(current.CarrierService, next.CarrierService, StringComparison.Ordinal)
            || current.Priority != next.Priority
            || current.ShipBy != next.ShipBy
            || !current.PickingInstructions.SequenceEqual(next.PickingInstructions, StringComparer.Ordinal)
            || !SameAttributes(current.Attributes, next.Attributes))
        {
            return true;
        }

        for (var i = 0; i < current.Lines.Count; i++)
        {
            if (current.Lines[i] != next.Lines[i])
            {
                return true;
            }
        }

        return false;
    }

    private static bool SameAttributes(IReadOnlyDictionary<string, string> a, IReadOnlyDictionary<string, string> b)
    {
        if (a.Count != b.Count)
        {
            return false;
        }

        foreach (var pair in a)
        {
            if (!b.TryGetValue(pair.Key, out var value) || !string.Equals(value, pair.Value, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}
