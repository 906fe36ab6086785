namespace Connectors.Internal;

/// <summary>Where <see cref="IConnectorEvents.PublishStockLevelsAsync"/> hands stock changes: the inventory engine.</summary>
internal interface IStockLevelSink
{
    Task AcceptStockLevelsAsync(IReadOnlyList<StockLevel> levels, CancellationToken cancellationToken);
}
