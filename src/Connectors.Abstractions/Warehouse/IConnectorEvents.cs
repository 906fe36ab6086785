namespace Connectors;

/// <summary>
/// How the host tells the engine what happened in the WMS. Each call returns once the fact is durable in the
/// state store; the engine does the channel work in the background.
/// </summary>
public interface IConnectorEvents
{
    /// <summary>Stock changed. Absolute levels; bursts of the same SKU coalesce into one push of its latest value.</summary>
    /// <param name="levels">The new levels.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the change is recorded.</returns>
    Task PublishStockLevelsAsync(IReadOnlyList<StockLevel> levels, CancellationToken cancellationToken = default);

    /// <summary>A shipment was confirmed. Publishing the same shipment id twice reaches the channel once.</summary>
    /// <param name="shipment">The shipment.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the shipment is in the outbox.</returns>
    Task PublishShipmentAsync(WarehouseShipment shipment, CancellationToken cancellationToken = default);

    /// <summary>Returned goods were received. Publishing the same receipt id twice confirms once.</summary>
    /// <param name="receipt">The receipt.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the receipt is in the outbox.</returns>
    Task PublishReturnReceiptAsync(ReturnReceipt receipt, CancellationToken cancellationToken = default);
}
