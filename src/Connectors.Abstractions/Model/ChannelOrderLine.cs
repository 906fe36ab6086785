using Connectors.Internal;

namespace Connectors;

/// <summary>One line of a channel order.</summary>
public sealed record ChannelOrderLine
{
    /// <summary>Creates a line.</summary>
    /// <param name="lineId">The channel's id of the line, unique within the order.</param>
    /// <param name="channelItemId">The channel's id of the item sold (variant, product or variation id, as the connector defines it).</param>
    /// <param name="quantity">Units ordered; greater than zero.</param>
    /// <param name="unitPrice">The price of one unit.</param>
    /// <param name="sku">The SKU the channel shows for the item, if any.</param>
    /// <param name="title">The item title as shown to the buyer.</param>
    /// <param name="properties">Custom line attributes (engraving text, gift wrap and so on).</param>
    /// <exception cref="ConnectorValidationException">A field is missing or the quantity is not positive.</exception>
    public ChannelOrderLine(
        string lineId,
        string channelItemId,
        int quantity,
        Money unitPrice,
        string? sku = null,
        string? title = null,
        IReadOnlyDictionary<string, string>? properties = null)
    {
        LineId = Guard.NotEmpty(lineId, nameof(LineId));
        ChannelItemId = Guard.NotEmpty(channelItemId, nameof(ChannelItemId));
        Quantity = Guard.Positive(quantity, nameof(Quantity));
        UnitPrice = unitPrice;
        Sku = sku;
        Title = title;
        Properties = Guard.Map(properties);
    }

    /// <summary>The channel's id of the line, unique within the order.</summary>
    public string LineId { get; }

    /// <summary>The channel's id of the item sold.</summary>
    public string ChannelItemId { get; }

    /// <summary>Units ordered.</summary>
    public int Quantity { get; }

    /// <summary>The price of one unit.</summary>
    public Money UnitPrice { get; }

    /// <summary>The SKU the channel shows for the item, if any.</summary>
    public string? Sku { get; }

    /// <summary>The item title.</summary>
    public string? Title { get; }

    /// <summary>
    /// Whether the line is shipped (not a gift card, download or service). A line that requires shipping needs a usable
    /// ship-to address (see the mapping profile's <c>Address.RequireShipTo</c>).
    /// </summary>
    /// <value><see langword="true"/> unless the platform says the item is not shipped.</value>
    public bool RequiresShipping { get; init; } = true;

    /// <summary>Custom line attributes.</summary>
    public IReadOnlyDictionary<string, string> Properties { get; }

    /// <summary>
    /// The line total. A platform that states it (WooCommerce's <c>total</c>) sets it as given, and then
    /// <see cref="UnitPrice"/> is that total divided by the quantity rounded to the currency's minor unit (10.00 for 3 is
    /// a unit price of 3.33 and a total of 10.00), so a WMS that adds line totals still adds up.
    /// </summary>
    /// <value>Unit price times quantity unless set.</value>
    public Money Total
    {
        get => _total ?? UnitPrice * Quantity;
        init => _total = value == UnitPrice * Quantity ? null : value; // the usual case stays computed, so equality holds
    }

    private readonly Money? _total;

    /// <summary>
    /// Units of this line the channel has taken from its own stock at this version of the order, for a channel that
    /// moves its own stock (<see cref="IStockMovingChannel"/>): WooCommerce's <c>_reduced_stock</c>, set when the order
    /// becomes processing or on-hold, gone when it is cancelled, lowered by restocking refunds. The engine compares it
    /// between versions to see when the channel moved its stock by itself.
    /// </summary>
    /// <value><see langword="null"/> when the channel does not say.</value>
    public int? StockHeld { get; init; }

    /// <summary>
    /// Units of this line the channel shows as fulfilled at this version of the order, by anyone: the warehouse's
    /// shipments confirmed by this connector, the merchant, another app (Shopify: <c>currentQuantity</c> less
    /// <c>unfulfilledQuantity</c>). <see cref="Quantity"/> stays the units ordered. The engine sends the WMS only the
    /// units not yet fulfilled when it first submits the order, and never turns later fulfilment progress into a WMS
    /// order update (docs/architecture.md, "Fulfilment progress is not an order change").
    /// </summary>
    /// <value>0 unless the channel says; a value outside 0 to <see cref="Quantity"/> is read as the nearest bound.</value>
    public int FulfilledQuantity { get; init; }
}
