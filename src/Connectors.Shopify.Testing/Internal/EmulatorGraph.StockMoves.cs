namespace Connectors.Testing.Shopify.Internal;

/// <summary>
/// Shopify moving its own stock (<see cref="ShopifyEmulatorOptions.OrdersMoveStock"/>), from Shopify's inventory states
/// (help center "Inventory states"; Admin schema <c>InventoryLevel.quantities</c> names): an order's tracked units move
/// from <c>available</c> to <c>committed</c> when the order is created, whether it is paid or not; a cancellation with
/// restock moves the units not yet fulfilled back to <c>available</c>; a fulfilment takes them out of <c>committed</c> and
/// <c>on_hand</c> (<c>available</c> does not change again); a return processed with a <c>RESTOCKED</c> disposition adds
/// the units to <c>available</c> at the restock location (<c>returnProcess</c>, always on).
/// </summary>
internal sealed partial class EmulatorGraph
{
    private readonly Dictionary<(long Item, long Location), int> _committed = [];
    private readonly HashSet<long> _released = [];

    /// <summary>Whether orders commit stock (Shopify's behaviour) or leave the levels to the apps (the emulator's old behaviour).</summary>
    public bool OrdersMoveStock { get; init; }

    /// <summary>Under the lock: an order just created commits its units at each fulfilment order's location.</summary>
    private void CommitStock(EmuOrder order)
    {
        if (!OrdersMoveStock)
        {
            return;
        }

        foreach (var fo in order.FulfillmentOrders)
        {
            foreach (var line in fo.Lines)
            {
                if (line.Line.Variant is { Tracked: true } variant && _levels.TryGetValue((variant.InventoryItemId, fo.LocationId), out var available))
                {
                    _levels[(variant.InventoryItemId, fo.LocationId)] = available - line.Remaining;
                    _committed[(variant.InventoryItemId, fo.LocationId)] = _committed.GetValueOrDefault((variant.InventoryItemId, fo.LocationId)) + line.Remaining;
                }
            }
        }
    }

    /// <summary>A cancellation with restock: the units still committed go back to available, once.</summary>
    public void ReleaseCommitted(EmuOrder order)
    {
        lock (_gate)
        {
            if (!OrdersMoveStock || !_released.Add(order.Id))
            {
                return;
            }

            foreach (var fo in order.FulfillmentOrders)
            {
                foreach (var line in fo.Lines)
                {
                    if (line.Line.Variant is { Tracked: true } variant && _levels.TryGetValue((variant.InventoryItemId, fo.LocationId), out var available))
                    {
                        _levels[(variant.InventoryItemId, fo.LocationId)] = available + line.Remaining;
                        _committed[(variant.InventoryItemId, fo.LocationId)] = _committed.GetValueOrDefault((variant.InventoryItemId, fo.LocationId)) - line.Remaining;
                    }
                }
            }
        }
    }

    /// <summary>Under the lock: fulfilled units leave committed (and on hand); available stays as it is.</summary>
    private void FulfilCommitted(EmuLine line, long location, int quantity)
    {
        if (OrdersMoveStock && line.Variant is { } variant && _committed.TryGetValue((variant.InventoryItemId, location), out var committed))
        {
            _committed[(variant.InventoryItemId, location)] = Math.Max(0, committed - quantity);
        }
    }

    public int GetCommitted(long item, long location)
    {
        lock (_gate)
        {
            return _committed.GetValueOrDefault((item, location));
        }
    }
}
