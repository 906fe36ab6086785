using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace Connectors.Samples.WebHost;

/// <summary>
/// A stand-in WMS that keeps orders in memory and logs what the engine asks of it. Replace it with a class that
/// calls your WMS: submissions must be idempotent on the key the engine passes (a retry after a lost answer sends
/// the same key again), and stock changes go to the engine through <see cref="IConnectorEvents"/>.
/// </summary>
internal sealed partial class InMemoryWarehouse(ILogger<InMemoryWarehouse> logger) : IWarehouseInventory, IWarehouseOrders, IWarehouseReturns
{
    private readonly ConcurrentDictionary<string, WarehouseOrder> _orders = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _submissions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, StockLevel> _stock = new(StringComparer.Ordinal);

    /// <summary>The orders the WMS holds, by <c>channel/order id</c>.</summary>
    public IReadOnlyDictionary<string, WarehouseOrder> Orders => _orders;

    /// <summary>How many times each order was submitted (idempotent repeats included); 1 when the engine delivers once.</summary>
    public IReadOnlyDictionary<string, int> Submissions => _submissions;

    /// <summary>Sets a stock level (what your WMS knows); the start-up full sync and reconciliation read it.</summary>
    public void SetStock(StockLevel level) => _stock[level.Sku + "@" + level.LocationId] = level;

    public async IAsyncEnumerable<StockLevel> GetStockLevelsAsync(IReadOnlyCollection<string>? skus = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var level in _stock.Values.Where(l => skus is null || skus.Contains(l.Sku)))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return level;
        }

        await Task.CompletedTask;
    }

    public Task<WarehouseOrderResult> SubmitOrderAsync(WarehouseOrder order, string idempotencyKey, CancellationToken cancellationToken = default)
    {
        var key = Key(order.Channel, order.ChannelOrderId);
        _submissions.AddOrUpdate(key, 1, (_, n) => n + 1);
        _orders.TryAdd(key, order);
        LogOrder(logger, "accepted", order.ChannelOrderId, order.Channel, order.Lines.Count);
        return Task.FromResult(WarehouseOrderResult.Accepted("WMS-" + key));
    }

    public Task<WarehouseOrderResult> UpdateOrderAsync(WarehouseOrder order, string idempotencyKey, CancellationToken cancellationToken = default)
    {
        var key = Key(order.Channel, order.ChannelOrderId);
        _orders[key] = order;
        LogOrder(logger, "updated", order.ChannelOrderId, order.Channel, order.Lines.Count);
        return Task.FromResult(WarehouseOrderResult.Accepted("WMS-" + key));
    }

    public Task<WarehouseOrderResult> CancelOrderAsync(string channel, string channelOrderId, string? reason, CancellationToken cancellationToken = default)
    {
        _orders.TryRemove(Key(channel, channelOrderId), out _);
        LogOrder(logger, "cancelled", channelOrderId, channel, 0);
        return Task.FromResult(WarehouseOrderResult.Accepted("WMS-" + Key(channel, channelOrderId)));
    }

    public Task<WarehouseOrderResult> ExpectReturnAsync(ExpectedReturn expectedReturn, CancellationToken cancellationToken = default) =>
        Task.FromResult(WarehouseOrderResult.Accepted("RMA-" + expectedReturn.ReturnId));

    private static string Key(string channel, string orderId) => channel + "/" + orderId;

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "WMS {Action} order {OrderId} of {Channel} ({Lines} lines)")]
    private static partial void LogOrder(ILogger logger, string action, string orderId, string channel, int lines);
}
