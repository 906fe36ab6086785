using BenchmarkDotNet.Attributes;
using Connectors.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Benchmarks.Orders;

/// <summary>
/// The cost of the order inbox around the mapping: accepting N webhooks, one processing pass (JSON payloads, order
/// records, WMS submit, acknowledgement) over a fresh in-memory store, against mapping the same N orders only.
/// </summary>
[MemoryDiagnoser]
public class OrderInboxBenchmarks
{
    private ChannelOrder[] _orders = [];

    [Params(100)]
    public int Orders { get; set; }

    [GlobalSetup]
    public void Setup() =>
        _orders = [.. Enumerable.Range(1, Orders).Select(i => ModelFactory.Order("a", i.ToString(System.Globalization.CultureInfo.InvariantCulture), [("SKU-1", 2), ("SKU-2", 1)]))];

    [Benchmark(Baseline = true)]
    public async Task<int> MapOnly()
    {
        using var provider = Build(out _);
        var mapper = provider.GetRequiredService<IOrderMapper>();
        var lines = 0;
        foreach (var order in _orders)
        {
            lines += (await mapper.MapOrderAsync(order)).Order.Lines.Count;
        }

        return lines;
    }

    [Benchmark]
    public async Task<int> AcceptAndProcessInbox()
    {
        using var provider = Build(out var warehouse);
        var sync = provider.GetRequiredService<IOrderSync>();
        foreach (var order in _orders)
        {
            await sync.AcceptAsync(new OrderChannelEvent
            {
                Channel = "a",
                DeliveryId = "d-" + order.OrderId,
                OccurredAt = order.UpdatedAt,
                Kind = OrderEventKind.Created,
                OrderId = order.OrderId,
                Order = order,
            });
        }

        await sync.ProcessInboxAsync();
        return warehouse.SubmitCalls;
    }

    private ServiceProvider Build(out FakeWarehouse warehouse)
    {
        var services = new ServiceCollection();
        warehouse = new FakeWarehouse();
        services.AddSingleton<IWarehouseOrders>(warehouse);
        var channel = new FakeChannel("a");
        services.AddConnectors(o => o.Orders.InboxBatchSize = Orders).AddChannel("a", "fake", _ => channel);
        return services.BuildServiceProvider();
    }
}
