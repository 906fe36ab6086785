using Connectors.Internal;

namespace Connectors;

/// <summary>Units of one SKU in a warehouse shipment, tied to the warehouse order line they fulfil.</summary>
public sealed record WarehouseShipmentLine
{
    /// <summary>Creates a shipment line.</summary>
    /// <param name="sku">The WMS SKU.</param>
    /// <param name="quantity">Units shipped in WMS units; greater than zero.</param>
    /// <param name="orderLineId">The <see cref="WarehouseOrderLine.LineId"/> it fulfils, where the WMS keeps it.</param>
    /// <exception cref="ConnectorValidationException">A field is missing or the quantity is not positive.</exception>
    public WarehouseShipmentLine(string sku, decimal quantity, string? orderLineId = null)
    {
        Sku = Guard.NotEmpty(sku, nameof(Sku));
        Quantity = Guard.Positive(quantity, nameof(Quantity));
        OrderLineId = orderLineId;
    }

    /// <summary>The WMS SKU.</summary>
    public string Sku { get; }

    /// <summary>Units shipped in WMS units.</summary>
    public decimal Quantity { get; }

    /// <summary>The warehouse order line it fulfils.</summary>
    public string? OrderLineId { get; }
}
