namespace Connectors.Internal;

/// <summary>The host's way in: routes WMS facts to the flow that makes them durable.</summary>
internal sealed class ConnectorEvents(IStockLevelSink stock, IOutboundEventSink outbound, IPriceSink? priceSink = null) : IConnectorEvents
{
    public Task PublishStockLevelsAsync(IReadOnlyList<StockLevel> levels, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(levels);
        return stock.AcceptStockLevelsAsync(levels, cancellationToken);
    }

    public Task PublishShipmentAsync(WarehouseShipment shipment, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(shipment);
        return outbound.AcceptShipmentAsync(shipment, cancellationToken);
    }

    public Task PublishReturnReceiptAsync(ReturnReceipt receipt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        return outbound.AcceptReturnReceiptAsync(receipt, cancellationToken);
    }

    public Task PublishPricesAsync(IReadOnlyList<BasePrice> prices, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(prices);
        return priceSink is null
            ? throw new ConnectorException("No price engine is registered; AddConnectors registers one.")
            : priceSink.AcceptPricesAsync(prices, cancellationToken);
    }
}
