using System.Diagnostics.Metrics;
using Connectors.Internal;
using Connectors.State;
using Connectors.Testing;
using Connectors.Tests.Orders;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Connectors.Tests.Inventory;

/// <summary>
/// The inventory engine and the order flow together, composed through AddConnectors: two fake channels ("a", "b"),
/// a fake WMS for stock and orders, the in-memory store (or the given one) and a fake clock; the real oversell window.
/// </summary>
internal sealed class OrderInventoryHarness : IDisposable
{
    private readonly ServiceProvider _provider;

    public OrderInventoryHarness(Action<ConnectorsOptions>? configure = null, ISyncStateStore? store = null, IWarehouseInventory? inventory = null, IWarehouseOrders? orders = null)
    {
        Store = store ?? new InMemorySyncStateStore();
        var services = new ServiceCollection();
        services.AddSingleton(Store);
        services.AddSingleton<TimeProvider>(Time);
        services.AddSingleton(inventory ?? Warehouse);
        services.AddSingleton(orders ?? Warehouse);
        services.AddConnectors(o =>
            {
                o.RetryBaseDelay = TimeSpan.FromSeconds(1);
                o.RetryMaxDelay = TimeSpan.FromSeconds(10);
                o.MaxAttempts = 3;
                configure?.Invoke(o);
            })
            .AddChannel(A.Name, "fake", _ => A)
            .AddChannel(B.Name, "fake", _ => B);
        _provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
    }

    public ISyncStateStore Store { get; }

    public FakeTimeProvider Time { get; } = new(ModelFactory.Epoch.AddDays(1));

    public FakeWarehouse Warehouse { get; } = new();

    public FakeChannel A { get; } = new("a", new ChannelCapabilities(250));

    public FakeChannel B { get; } = new("b", new ChannelCapabilities(250));

    public IInventorySync Inventory => _provider.GetRequiredService<IInventorySync>();

    public IOrderSync Orders => _provider.GetRequiredService<IOrderSync>();

    public IDeadLetters DeadLetters => _provider.GetRequiredService<IDeadLetters>();

    public IReconciler Reconciler => _provider.GetRequiredService<IReconciler>();

    public IOversellWindow Window => _provider.GetRequiredService<IOversellWindow>();

    public IConnectorEvents Events => _provider.GetRequiredService<IConnectorEvents>();

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public MetricCollector<long> Collect(string instrument) =>
        new(_provider.GetRequiredService<IMeterFactory>(), ConnectorsTelemetry.Name, instrument);

    /// <summary>A buyer's order on a channel, delivered by webhook.</summary>
    public async Task<ChannelOrder> PlaceAsync(FakeChannel channel, string orderId, params (string Sku, int Quantity)[] lines)
    {
        var order = ModelFactory.Order(channel.Name, orderId, lines, updatedAt: Time.GetUtcNow());
        channel.PutOrder(order);
        await Orders.AcceptAsync(OrderFlowHarness.Webhook(order, "d-" + orderId), Ct);
        return order;
    }

    public async Task<int?> DesiredAsync(FakeChannel channel, string item) =>
        (await Store.GetInventoryAsync(new InventoryKey(channel.Name, item, InventoryTarget.DefaultLocation), Ct))?.Desired;

    public async Task<List<PendingReservation>> ReservationsAsync()
    {
        var list = new List<PendingReservation>();
        await foreach (var reservation in Store.ListReservationsAsync(Ct))
        {
            list.Add(reservation);
        }

        return list;
    }

    public void Dispose() => _provider.Dispose();
}
