namespace Connectors.Mapping.Hooks;

/// <summary>What the profile's rules made of an order, handed to each <see cref="IOrderMappingHook"/> to adjust before the warehouse order is built.</summary>
public sealed class OrderMappingContext
{
    internal OrderMappingContext(
        ChannelOrder order,
        IReadOnlyList<WarehouseOrderLine> lines,
        Dictionary<string, string> attributes,
        List<string> pickingInstructions,
        List<string> warnings)
    {
        Order = order;
        Lines = lines;
        Attributes = attributes;
        PickingInstructions = pickingInstructions;
        Warnings = warnings;
    }

    /// <summary>The channel order.</summary>
    public ChannelOrder Order { get; }

    /// <summary>The exploded warehouse lines (read-only: lines come from the item cross-reference).</summary>
    public IReadOnlyList<WarehouseOrderLine> Lines { get; }

    /// <summary>The WMS custom fields, as the custom-field rules filled them.</summary>
    public IDictionary<string, string> Attributes { get; }

    /// <summary>The picking instructions.</summary>
    public IList<string> PickingInstructions { get; }

    /// <summary>Warnings for the mapping result.</summary>
    public IList<string> Warnings { get; }

    /// <summary>The WMS priority.</summary>
    public int Priority { get; set; }

    /// <summary>The WMS carrier service.</summary>
    public string? CarrierService { get; set; }

    /// <summary>The ship-to address, normalised.</summary>
    public Address? ShipTo { get; set; }

    /// <summary>The release decision.</summary>
    public ReleaseDecision Release { get; set; }

    /// <summary>Why the order is held or rejected.</summary>
    public string? Reason { get; set; }

    /// <summary>The ship-by deadline for the WMS: the channel's, or the one the profile's handling-time rule computed.</summary>
    public DateTimeOffset? ShipBy { get; set; }
}
