using System.Globalization;

namespace Connectors.Orders.Internal;

/// <summary>Whether a newly mapped warehouse order differs from the one the WMS has (the channel version is not a difference).</summary>
internal static class OrderDiff
{
    public static bool HasChanges(WarehouseOrder current, WarehouseOrder next) => Changes(current, next).Count > 0;

    /// <summary>
    /// What differs, one short entry per field or line (<c>ShipTo</c>, <c>line L1 quantity 3 -> 2</c>), so a refused or
    /// logged update says why it was sent.
    /// </summary>
    public static IReadOnlyList<string> Changes(WarehouseOrder current, WarehouseOrder next)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(next);
        var changes = new List<string>();
        if (!string.Equals(current.OrderNumber, next.OrderNumber, StringComparison.Ordinal))
        {
            changes.Add("OrderNumber");
        }

        if (current.ShipTo != next.ShipTo)
        {
            changes.Add("ShipTo");
        }

        if (!string.Equals(current.CarrierService, next.CarrierService, StringComparison.Ordinal))
        {
            changes.Add("CarrierService");
        }

        if (current.Priority != next.Priority)
        {
            changes.Add("Priority");
        }

        if (current.ShipBy != next.ShipBy)
        {
            changes.Add("ShipBy");
        }

        if (!current.PickingInstructions.SequenceEqual(next.PickingInstructions, StringComparer.Ordinal))
        {
            changes.Add("PickingInstructions");
        }

        if (!SameAttributes(current.Attributes, next.Attributes))
        {
            changes.Add("Attributes");
        }

        for (var i = 0; i < Math.Max(current.Lines.Count, next.Lines.Count); i++)
        {
            var was = i < current.Lines.Count ? current.Lines[i] : null;
            var now = i < next.Lines.Count ? next.Lines[i] : null;
            if (was == now)
            {
                continue;
            }

            changes.Add((was, now) switch
            {
                (null, { } added) => string.Create(CultureInfo.InvariantCulture, $"line {added.LineId} added ({added.Sku} x {added.Quantity})"),
                ({ } removed, null) => string.Create(CultureInfo.InvariantCulture, $"line {removed.LineId} removed ({removed.Sku} x {removed.Quantity})"),
                ({ } a, { } b) when a.LineId == b.LineId && a.Sku == b.Sku && a.Quantity != b.Quantity
                    => string.Create(CultureInfo.InvariantCulture, $"line {a.LineId} quantity {a.Quantity} -> {b.Quantity}"),
                ({ } a, { } b) when a.LineId == b.LineId && a.Sku == b.Sku => $"line {a.LineId} price",
                ({ } a, { } b) => string.Create(CultureInfo.InvariantCulture, $"line {a.LineId} ({a.Sku} x {a.Quantity}) -> {b.LineId} ({b.Sku} x {b.Quantity})"),
                _ => "line",
            });
        }

        return changes;
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
