namespace Connectors.Inventory;

/// <summary>How one channel instance gets its share of the stock and where it shows it.</summary>
public sealed class ChannelInventoryOptions
{
    /// <summary>How the channel's quantity is taken from the pool.</summary>
    /// <value>Default <see cref="InventoryAllocationMode.Share"/> (with <see cref="SharePercent"/> 100: the whole pool).</value>
    public InventoryAllocationMode AllocationMode { get; set; } = InventoryAllocationMode.Share;

    /// <summary>In <see cref="InventoryAllocationMode.Share"/> mode, the percentage of the pool the channel shows (rounded down).</summary>
    /// <value>Default 100; from 0 to 100.</value>
    public decimal SharePercent { get; set; } = 100m;

    /// <summary>
    /// In <see cref="InventoryAllocationMode.Priority"/> mode, the channel's rank: lower goes first. Each priority channel
    /// takes up to <see cref="MaxQuantity"/> of what higher-ranked priority channels left. Ties go by registration order.
    /// </summary>
    /// <value>Default 0.</value>
    public int Priority { get; set; }

    /// <summary>The most WMS units of one SKU the channel shows at one location, or <see langword="null"/> for no cap.</summary>
    /// <value>Default <see langword="null"/>; not negative.</value>
    public decimal? MaxQuantity { get; set; }

    /// <summary>Units of every SKU held back from this channel only, on top of the global safety stock.</summary>
    /// <value>Default 0; not negative.</value>
    public decimal SafetyStock { get; set; }

    /// <summary>A percentage held back from this channel; the higher of this and <see cref="InventorySyncOptions.SafetyStockPercent"/> applies.</summary>
    /// <value>Default <see langword="null"/> (the global one); from 0 to 100.</value>
    public decimal? SafetyStockPercent { get; set; }

    /// <summary>Channel item ids this channel shows as zero (out of sale on this channel only).</summary>
    /// <value>Empty by default.</value>
    public ISet<string> OutOfSaleItems { get; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>
    /// WMS locations -> channel locations. Several WMS locations mapped to one channel location add up; one WMS location
    /// mapped to several channel locations feeds each with its <see cref="InventoryLocationMapping.Percent"/>. When empty,
    /// a channel that supports several locations uses the WMS location ids as its own, and any other channel shows the
    /// sum of every WMS location at <see cref="InventoryTarget.DefaultLocation"/>.
    /// </summary>
    /// <value>Empty by default.</value>
    public IList<InventoryLocationMapping> Locations { get; } = new List<InventoryLocationMapping>();

    /// <summary>
    /// The channel's daily budgets, overriding what the channel declares (<see cref="IQuotaLimitedChannel"/>), for a
    /// budget the host knows better (an Etsy app's own call budget, the share of it inventory may use).
    /// </summary>
    /// <value>Default <see langword="null"/>: what the channel declares, or no quota.</value>
    public ChannelQuota? Quota { get; set; }

    /// <summary>
    /// Under a quota, a row whose new level is at or below this many units, and lower than the channel shows, is pushed
    /// before every other row (with zero: only rows falling to zero).
    /// </summary>
    /// <value>Default 0; not negative.</value>
    public int LowStockThreshold { get; set; }

    /// <summary>Under a quota, the order in which pending rows get the budget.</summary>
    /// <value>Default <see cref="QuotaSpendingOrder.RiskFirst"/>.</value>
    public QuotaSpendingOrder QuotaOrder { get; set; } = QuotaSpendingOrder.RiskFirst;
}
