namespace Connectors.Internal;

/// <summary>Where <see cref="IConnectorEvents.PublishPricesAsync"/> hands base prices to the price engine.</summary>
internal interface IPriceSink
{
    Task AcceptPricesAsync(IReadOnlyList<BasePrice> prices, CancellationToken cancellationToken);
}
