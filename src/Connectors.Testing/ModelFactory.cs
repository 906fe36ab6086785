namespace Connectors.Testing;

/// <summary>Builds valid model objects with little ceremony, for tests.</summary>
public static class ModelFactory
{
    /// <summary>A fixed instant tests can count from.</summary>
    public static readonly DateTimeOffset Epoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>An order with one line per (item, quantity) pair, priced 10.00 each.</summary>
    /// <param name="channel">The channel instance.</param>
    /// <param name="orderId">The order id.</param>
    /// <param name="lines">Channel item id and quantity per line; line ids are 1, 2, 3 …</param>
    /// <param name="paymentStatus">The payment status.</param>
    /// <param name="updatedAt">The version; defaults to <see cref="Epoch"/>.</param>
    /// <param name="status">The order status.</param>
    /// <param name="currency">The currency.</param>
    /// <returns>The order.</returns>
    public static ChannelOrder Order(
        string channel,
        string orderId,
        IReadOnlyList<(string ItemId, int Quantity)> lines,
        PaymentStatus paymentStatus = PaymentStatus.Paid,
        DateTimeOffset? updatedAt = null,
        ChannelOrderStatus status = ChannelOrderStatus.Open,
        string currency = "EUR")
    {
        ArgumentNullException.ThrowIfNull(lines);
        var orderLines = lines
            .Select((l, i) => new ChannelOrderLine((i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), l.ItemId, l.Quantity, new Money(10m, currency), l.ItemId))
            .ToArray();
        var at = updatedAt ?? Epoch;
        return new ChannelOrder(
            channel,
            orderId,
            currency,
            orderLines,
            createdAt: Epoch,
            updatedAt: at,
            orderNumber: "#" + orderId,
            status: status,
            paymentStatus: paymentStatus,
            shippingAddress: new Address
            {
                Name = "Ada Lovelace",
                Line1 = "1 Analytical Way",
                City = "London",
                PostalCode = "N1 1AA",
                CountryCode = "GB",
            });
    }

    /// <summary>A shipment of the given SKUs and quantities with one tracking number.</summary>
    /// <param name="shipmentId">The WMS shipment id.</param>
    /// <param name="channel">The channel instance.</param>
    /// <param name="orderId">The channel order id.</param>
    /// <param name="lines">SKU and quantity per line.</param>
    /// <returns>The shipment.</returns>
    public static WarehouseShipment Shipment(string shipmentId, string channel, string orderId, IReadOnlyList<(string Sku, decimal Quantity)> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        return new WarehouseShipment(
            shipmentId,
            channel,
            orderId,
            lines.Select(l => new WarehouseShipmentLine(l.Sku, l.Quantity)).ToArray(),
            Epoch,
            "UPS",
            "Ground",
            [new TrackingInfo("1Z" + shipmentId, new Uri("https://track.example/1Z" + shipmentId))]);
    }
}
