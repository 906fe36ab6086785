namespace Connectors.Inventory;

/// <summary>How a channel's quantity is taken from the available-to-sell pool.</summary>
public enum InventoryAllocationMode
{
    /// <summary>The channel shows a percentage of the pool; shares of several channels may overlap (100 each is a shared pool).</summary>
    Share = 0,

    /// <summary>Channels take from the pool in priority order, each up to its cap; lower-ranked channels see what is left.</summary>
    Priority,
}
