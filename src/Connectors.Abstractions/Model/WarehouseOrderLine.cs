using Connectors.Internal;

namespace Connectors;

/// <summary>One line of a warehouse order, in WMS SKUs and WMS units.</summary>
public sealed record WarehouseOrderLine
{
    /// <summary>Creates a line.</summary>
    /// <param name="lineId">The line id in the warehouse order, unique within it.</param>
    /// <param name="sku">The WMS SKU.</param>
    /// <param name="quantity">The quantity in WMS units (eaches, kilograms); greater than zero.</param>
    /// <param name="channelLineId">The channel line this line came from (a bundle line yields several).</param>
    /// <param name="unitPrice">The price per WMS unit, where known.</param>
    /// <exception cref="ConnectorValidationException">A field is missing or the quantity is not positive.</exception>
    public WarehouseOrderLine(string lineId, string sku, decimal quantity, string channelLineId, Money? unitPrice = null)
    {
        LineId = Guard.NotEmpty(lineId, nameof(LineId));
        Sku = Guard.NotEmpty(sku, nameof(Sku));
        Quantity = Guard.Positive(quantity, nameof(Quantity));
        ChannelLineId = Guard.NotEmpty(channelLineId, nameof(ChannelLineId));
        UnitPrice = unitPrice;
    }

    /// <summary>The line id in the warehouse order.</summary>
    public string LineId { get; }

    /// <summary>The WMS SKU.</summary>
    public string Sku { get; }

    /// <summary>The quantity in WMS units.</summary>
    public decimal Quantity { get; }

    /// <summary>The channel line this line came from.</summary>
    public string ChannelLineId { get; }

    /// <summary>The price per WMS unit, where known.</summary>
    public Money? UnitPrice { get; }

    /// <summary>
    /// The line total as the channel gave it, when the mapping carries prices; <see cref="UnitPrice"/> is rounded to the
    /// currency's minor unit, so the total may differ from unit price times quantity by less than a minor unit a unit.
    /// </summary>
    /// <value><see langword="null"/> unless the mapper sets it.</value>
    public Money? Total { get; init; }
}
