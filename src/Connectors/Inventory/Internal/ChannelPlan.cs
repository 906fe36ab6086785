namespace Connectors.Inventory.Internal;

/// <summary>One inventory channel with its settings resolved for the hot path, and its item-definition cache.</summary>
internal sealed class ChannelPlan
{
    private readonly Dictionary<string, (IReadOnlyList<ChannelItemDefinition> Items, DateTimeOffset Until)> _items = new(StringComparer.Ordinal);

    public ChannelPlan(IInventoryChannel port, ChannelInventoryOptions options, InventorySyncOptions global)
    {
        Port = port;
        Name = port.Name;
        Options = options;
        SafetyStock = options.SafetyStock;
        SafetyPercent = Math.Max(global.SafetyStockPercent, options.SafetyStockPercent ?? 0m);
        var quota = options.Quota ?? (port as IQuotaLimitedChannel)?.Quota;
        if (quota is { IsMetered: true })
        {
            quota.Validate($"{port.Name}.Quota");
            Quota = quota;
        }
        if (options.Locations.Count > 0)
        {
            Mode = LocationMode.Mapped;
            var sources = new Dictionary<string, List<(string, decimal)>>(StringComparer.Ordinal);
            foreach (var mapping in options.Locations)
            {
                if (!sources.TryGetValue(mapping.ChannelLocation, out var list))
                {
                    sources.Add(mapping.ChannelLocation, list = []);
                }

                list.Add((mapping.WarehouseLocation, mapping.Percent / 100m));
            }

            Sources = sources.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
            ChannelLocations = [.. sources.Keys];
        }
        else
        {
            Mode = port.Capabilities.SupportsMultipleLocations ? LocationMode.Identity : LocationMode.Single;
            Sources = new Dictionary<string, (string, decimal)[]>(StringComparer.Ordinal);
            ChannelLocations = Mode == LocationMode.Single ? [InventoryTarget.DefaultLocation] : [];
        }
    }

    public string Name { get; }

    /// <summary>The daily budgets the dispatcher spends by risk, or <see langword="null"/> when the channel is not metered.</summary>
    public ChannelQuota? Quota { get; }

    public IInventoryChannel Port { get; }

    public ChannelInventoryOptions Options { get; }

    public LocationMode Mode { get; }

    /// <summary>Per channel location, the WMS locations feeding it and the fraction of each.</summary>
    public Dictionary<string, (string WarehouseLocation, decimal Fraction)[]> Sources { get; }

    /// <summary>The fixed channel locations (mapped or single); empty in identity mode.</summary>
    public string[] ChannelLocations { get; }

    public decimal SafetyStock { get; }

    public decimal SafetyPercent { get; }

    public bool IsPriority => Options.AllocationMode == InventoryAllocationMode.Priority;

    /// <summary>Priority channels ranked above this one (only set for priority channels).</summary>
    public ChannelPlan[] Higher { get; set; } = [];

    public bool TryGetItems(string sku, DateTimeOffset now, out IReadOnlyList<ChannelItemDefinition> items)
    {
        if (_items.TryGetValue(sku, out var entry) && entry.Until > now)
        {
            items = entry.Items;
            return true;
        }

        items = [];
        return false;
    }

    public void CacheItems(string sku, IReadOnlyList<ChannelItemDefinition> items, DateTimeOffset until) => _items[sku] = (items, until);
}
