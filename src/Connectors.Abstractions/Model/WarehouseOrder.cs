using Connectors.Internal;

namespace Connectors;

/// <summary>An order as the warehouse receives it: WMS SKUs and units, ship-to, carrier service and picking instructions.</summary>
public sealed record WarehouseOrder
{
    /// <summary>Creates a warehouse order and checks it.</summary>
    /// <param name="channel">The channel instance the order came from.</param>
    /// <param name="channelOrderId">The channel's order id.</param>
    /// <param name="lines">The lines in WMS SKUs.</param>
    /// <param name="orderNumber">The number shown to the buyer.</param>
    /// <param name="shipTo">Where to ship.</param>
    /// <param name="carrierService">The WMS carrier service code.</param>
    /// <param name="priority">Picking priority; higher goes first.</param>
    /// <param name="pickingInstructions">Instructions for the picker (gift wrap, notes).</param>
    /// <param name="attributes">Further fields the WMS needs, produced by mapping rules.</param>
    /// <param name="channelVersion">The <see cref="ChannelOrder.UpdatedAt"/> this order was mapped from.</param>
    /// <exception cref="ConnectorValidationException">A field is missing or two lines share an id.</exception>
    public WarehouseOrder(
        string channel,
        string channelOrderId,
        IReadOnlyList<WarehouseOrderLine> lines,
        string? orderNumber = null,
        Address? shipTo = null,
        string? carrierService = null,
        int priority = 0,
        IReadOnlyList<string>? pickingInstructions = null,
        IReadOnlyDictionary<string, string>? attributes = null,
        DateTimeOffset channelVersion = default)
    {
        Channel = Guard.NotEmpty(channel, nameof(Channel));
        ChannelOrderId = Guard.NotEmpty(channelOrderId, nameof(ChannelOrderId));
        Lines = Guard.NotNull(lines, nameof(Lines));
        OrderNumber = orderNumber;
        ShipTo = shipTo;
        CarrierService = carrierService;
        Priority = priority;
        PickingInstructions = Guard.List(pickingInstructions);
        Attributes = Guard.Map(attributes);
        ChannelVersion = channelVersion;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Lines.Count; i++)
        {
            if (!seen.Add(Lines[i].LineId))
            {
                throw new ConnectorValidationException($"Lines[{i}].LineId", $"'{Lines[i].LineId}' appears more than once.");
            }
        }
    }

    /// <summary>The channel instance the order came from.</summary>
    public string Channel { get; }

    /// <summary>The channel's order id.</summary>
    public string ChannelOrderId { get; }

    /// <summary>The lines in WMS SKUs.</summary>
    public IReadOnlyList<WarehouseOrderLine> Lines { get; }

    /// <summary>The number shown to the buyer.</summary>
    public string? OrderNumber { get; }

    /// <summary>Where to ship.</summary>
    public Address? ShipTo { get; }

    /// <summary>The WMS carrier service code.</summary>
    public string? CarrierService { get; }

    /// <summary>Picking priority; higher goes first.</summary>
    public int Priority { get; }

    /// <summary>Instructions for the picker.</summary>
    public IReadOnlyList<string> PickingInstructions { get; }

    /// <summary>Further fields the WMS needs.</summary>
    public IReadOnlyDictionary<string, string> Attributes { get; }

    /// <summary>The channel order version this order was mapped from.</summary>
    public DateTimeOffset ChannelVersion { get; }

    /// <summary>
    /// The latest time the order must leave the warehouse: the channel's deadline, or the one the mapping profile's
    /// handling-time rule computed; <see langword="null"/> when neither exists.
    /// </summary>
    public DateTimeOffset? ShipBy { get; init; }

    /// <summary>Units per SKU over all lines, for reservations and diffs.</summary>
    /// <returns>A new dictionary of SKU to quantity.</returns>
    public IReadOnlyDictionary<string, decimal> QuantitiesBySku()
    {
        var result = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var line in Lines)
        {
            result[line.Sku] = result.GetValueOrDefault(line.Sku) + line.Quantity;
        }

        return result;
    }
}
