using Connectors.Internal;

namespace Connectors;

/// <summary>Units of one SKU the warehouse received back.</summary>
public sealed record ReturnReceiptLine
{
    /// <summary>Creates a receipt line.</summary>
    /// <param name="sku">The WMS SKU.</param>
    /// <param name="quantity">Units received in WMS units; greater than zero.</param>
    /// <param name="restock">Whether the units went back to sellable stock.</param>
    /// <param name="channelLineId">The channel order line, where the WMS kept it.</param>
    /// <exception cref="ConnectorValidationException">The SKU is empty or the quantity is not positive.</exception>
    public ReturnReceiptLine(string sku, decimal quantity, bool restock, string? channelLineId = null)
    {
        Sku = Guard.NotEmpty(sku, nameof(Sku));
        Quantity = Guard.Positive(quantity, nameof(Quantity));
        Restock = restock;
        ChannelLineId = channelLineId;
    }

    /// <summary>The WMS SKU.</summary>
    public string Sku { get; }

    /// <summary>Units received.</summary>
    public decimal Quantity { get; }

    /// <summary>Whether the units went back to sellable stock.</summary>
    public bool Restock { get; }

    /// <summary>The channel order line.</summary>
    public string? ChannelLineId { get; }
}
