using System.ComponentModel.DataAnnotations;

namespace Connectors.Inventory;

/// <summary>
/// Inventory flow settings: dispatch concurrency, safety stock, items out of sale, and per-channel allocation and
/// location mapping. Quantities are in WMS units (the units of <see cref="StockLevel"/>); the availability calculator
/// converts them to selling units (packs, bundles) afterwards.
/// </summary>
public sealed class InventorySyncOptions
{
    /// <summary>Batches one channel may have in flight at once.</summary>
    /// <value>Default 2; from 1 to 64.</value>
    [Range(1, 64)]
    public int MaxBatchesInFlight { get; set; } = 2;

    /// <summary>Units of every SKU held back from every channel, unless <see cref="SafetyStockBySku"/> names the SKU.</summary>
    /// <value>Default 0; not negative.</value>
    public decimal SafetyStock { get; set; }

    /// <summary>Units held back per SKU from every channel; replaces <see cref="SafetyStock"/> for the SKUs it names.</summary>
    /// <value>Empty by default; values not negative.</value>
    public IDictionary<string, decimal> SafetyStockBySku { get; } = new Dictionary<string, decimal>(StringComparer.Ordinal);

    /// <summary>
    /// The percentage of what is left after the unit safety stocks that is held back from every channel (rounded in
    /// favour of holding back). A channel's own <see cref="ChannelInventoryOptions.SafetyStockPercent"/> applies when higher.
    /// </summary>
    /// <value>Default 0; from 0 to 100.</value>
    public decimal SafetyStockPercent { get; set; }

    /// <summary>WMS SKUs out of sale: every channel item made of one of them shows zero.</summary>
    /// <value>Empty by default.</value>
    public ISet<string> OutOfSaleSkus { get; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>
    /// How long the engine keeps what the <see cref="IItemResolver"/> answered for a SKU, so a burst of stock events
    /// does not ask the mapping again for every event. <see cref="TimeSpan.Zero"/> asks every time.
    /// </summary>
    /// <value>Default 5 minutes; from zero to 1 day.</value>
    public TimeSpan ItemCacheDuration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long an oversell window (the units of an order received from a channel but not yet in the WMS) may stay
    /// open. A window older than this is closed (its units count as available again) and counted in
    /// <c>connectors.inventory.reservations_expired</c>: an order held for payment longer than this no longer lowers
    /// availability until it is processed again.
    /// </summary>
    /// <value>Default 2 days; from 1 minute to 90 days.</value>
    public TimeSpan ReservationTimeToLive { get; set; } = TimeSpan.FromDays(2);

    /// <summary>Per-channel settings, by channel instance name (case-insensitive). Channels not named use the defaults of <see cref="ChannelInventoryOptions"/>.</summary>
    /// <value>Empty by default.</value>
    public IDictionary<string, ChannelInventoryOptions> Channels { get; } =
        new Dictionary<string, ChannelInventoryOptions>(StringComparer.OrdinalIgnoreCase);
}
