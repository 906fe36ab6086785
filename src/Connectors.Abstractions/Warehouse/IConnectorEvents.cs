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

    /// <summary>
    /// Base prices changed. Absolute prices per SKU and currency (with the unit cost where the pricing rules keep a
    /// margin floor); each channel's desired price is derived through its pricing rules, and only what differs from
    /// what the channel acknowledged is pushed. Bursts of the same SKU coalesce; a change above the configured
    /// percentage is held for a person instead of pushed.
    /// </summary>
    /// <param name="prices">The new base prices; the last one of a SKU and currency wins.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the base prices and the desired channel prices are stored.</returns>
    /// <remarks>
    /// The engine implements this member. The default implementation, there so that a test double or wrapper written
    /// before prices existed still compiles, fails with <see cref="NotSupportedException"/>.
    /// </remarks>
    Task PublishPricesAsync(IReadOnlyList<BasePrice> prices, CancellationToken cancellationToken = default) =>
        Task.FromException(new NotSupportedException($"{GetType().Name} does not accept prices; use the engine's IConnectorEvents (AddConnectors)."));
}
