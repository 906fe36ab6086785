using System.Diagnostics.Metrics;
using Connectors.Internal;
using Connectors.State;
using Connectors.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Connectors.Tests.Orders;

/// <summary>
/// The engine composed through <c>AddConnectors</c> over a fake channel "a", a fake WMS, the in-memory store and a
/// fake clock. <see cref="Restart"/> builds a new service provider over the same store, channel and WMS: a host restart.
/// </summary>
internal sealed class OrderFlowHarness : IDisposable
{
    public const string Name = "a";

    private readonly Action<ConnectorsOptions>? _configure;

    private readonly IWarehouseOrders? _warehouseOrders;

    private readonly IOrderMapper? _mapper;

    public OrderFlowHarness(Action<ConnectorsOptions>? configure = null, IChannel? channel = null, IWarehouseOrders? warehouseOrders = null, IOrderMapper? mapper = null)
        : this(configure, channel ?? new FakeChannel(Name), new FakeWarehouse(), new InMemorySyncStateStore(), new FakeTimeProvider(ModelFactory.Epoch.AddDays(1)), new TestCatalogue(), new RecordingOversellWindow(), warehouseOrders, mapper)
    {
    }

    private OrderFlowHarness(Action<ConnectorsOptions>? configure, IChannel channel, FakeWarehouse warehouse, InMemorySyncStateStore store, FakeTimeProvider time, TestCatalogue catalogue, RecordingOversellWindow oversell, IWarehouseOrders? warehouseOrders, IOrderMapper? mapper)
    {
        _configure = configure;
        _warehouseOrders = warehouseOrders;
        _mapper = mapper;
        ChannelPort = channel;
        Warehouse = warehouse;
        Store = store;
        Time = time;
        Catalogue = catalogue;
        Oversell = oversell;
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(time);
        services.AddSingleton<ISyncStateStore>(store);
        services.AddSingleton<IItemResolver>(catalogue);
        services.AddSingleton(warehouseOrders ?? warehouse);
        services.AddSingleton<IWarehouseReturns>(warehouse);
        services.AddSingleton<IOversellWindow>(oversell);
        if (mapper is not null)
        {
            services.AddSingleton(mapper);
        }

        services.AddConnectors(o =>
            {
                o.RetryBaseDelay = TimeSpan.FromSeconds(1);
                o.RetryMaxDelay = TimeSpan.FromSeconds(10);
                o.MaxAttempts = 5;
                configure?.Invoke(o);
            })
            .AddChannel(Name, "fake", _ => channel);
        Services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public IChannel ChannelPort { get; }

    public FakeChannel Channel => (FakeChannel)ChannelPort;

    public FakeWarehouse Warehouse { get; }

    public InMemorySyncStateStore Store { get; }

    public FakeTimeProvider Time { get; }

    public TestCatalogue Catalogue { get; }

    public RecordingOversellWindow Oversell { get; }

    public ServiceProvider Services { get; }

    public IOrderSync Orders => Services.GetRequiredService<IOrderSync>();

    public IFulfillmentSync Fulfillment => Services.GetRequiredService<IFulfillmentSync>();

    public IDeadLetters DeadLetters => Services.GetRequiredService<IDeadLetters>();

    public IReconciler Reconciler => Services.GetRequiredService<IReconciler>();

    public IMeterFactory MeterFactory => Services.GetRequiredService<IMeterFactory>();

    /// <summary>A new host over the same durable state and the same outside world; the old one is disposed.</summary>
    public OrderFlowHarness Restart()
    {
        Services.Dispose();
        return new OrderFlowHarness(_configure, ChannelPort, Warehouse, Store, Time, Catalogue, Oversell, _warehouseOrders, _mapper);
    }

    /// <summary>A second host over the same store, channel, WMS and clock, running beside this one.</summary>
    public OrderFlowHarness SecondHost() => new(_configure, ChannelPort, Warehouse, Store, Time, Catalogue, Oversell, _warehouseOrders, _mapper);

    /// <summary>Moves the clock past any retry delay the harness options allow.</summary>
    public void PassRetryDelay() => Time.Advance(TimeSpan.FromSeconds(11));

    public static OrderChannelEvent Webhook(ChannelOrder order, string deliveryId, OrderEventKind kind = OrderEventKind.Updated) =>
        new()
        {
            Channel = order.Channel,
            DeliveryId = deliveryId,
            OccurredAt = order.UpdatedAt,
            Kind = kind,
            OrderId = order.OrderId,
            Order = order,
        };

    public void Dispose() => Services.Dispose();
}
