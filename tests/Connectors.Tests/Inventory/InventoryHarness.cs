using System.Diagnostics.Metrics;
using Connectors.Internal;
using Connectors.State;
using Connectors.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Connectors.Tests.Inventory;

/// <summary>An inventory engine composed through AddConnectors over fakes: channels, WMS, in-memory store, fake clock.</summary>
internal sealed class InventoryHarness : IDisposable
{
    private readonly ServiceProvider _provider;

    private InventoryHarness(ServiceProvider provider, InMemorySyncStateStore store, FakeTimeProvider time, FakeWarehouse warehouse, IReadOnlyList<FakeChannel> channels)
    {
        _provider = provider;
        Store = store;
        Time = time;
        Warehouse = warehouse;
        Channels = channels;
    }

    public InMemorySyncStateStore Store { get; }

    public FakeTimeProvider Time { get; }

    public FakeWarehouse Warehouse { get; }

    public IReadOnlyList<FakeChannel> Channels { get; }

    public FakeChannel A => Channels[0];

    public FakeChannel B => Channels[1];

    public IInventorySync Sync => _provider.GetRequiredService<IInventorySync>();

    public IOversellWindow Window => _provider.GetRequiredService<IOversellWindow>();

    public IConnectorEvents Events => _provider.GetRequiredService<IConnectorEvents>();

    public static CancellationToken Token => TestContext.Current.CancellationToken;

    public static InventoryHarness Create(
        Action<ConnectorsOptions>? configure = null,
        IItemResolver? resolver = null,
        InMemorySyncStateStore? store = null,
        FakeTimeProvider? time = null,
        FakeWarehouse? warehouse = null,
        bool bookInStore = true,
        params FakeChannel[] channels)
    {
        store ??= new InMemorySyncStateStore();
        time ??= new FakeTimeProvider(ModelFactory.Epoch);
        warehouse ??= new FakeWarehouse();
        if (channels.Length == 0)
        {
            channels = [new FakeChannel("store-a", new ChannelCapabilities(250)), new FakeChannel("store-b", new ChannelCapabilities(250))];
        }

        var services = new ServiceCollection();
        // Without the store's stock book the engine keeps its own in memory (a store without IStockBookStore).
        services.AddSingleton(bookInStore ? store : PlainStore.Wrap(store));
        services.AddSingleton<TimeProvider>(time);
        services.AddSingleton<IWarehouseInventory>(warehouse);
        services.AddSingleton<IOutboundEventSink, NullOutboundEventSink>();
        if (resolver is not null)
        {
            services.AddSingleton(resolver);
        }

        var builder = services.AddConnectors(o =>
        {
            o.RetryBaseDelay = TimeSpan.FromSeconds(1);
            o.RetryMaxDelay = TimeSpan.FromSeconds(10);
            configure?.Invoke(o);
        });
        foreach (var channel in channels)
        {
            builder.AddChannel(channel.Name, "fake", _ => channel);
        }

        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        return new InventoryHarness(provider, store, time, warehouse, channels);
    }

    public MetricCollector<long> Collect(string instrument) =>
        new(_provider.GetRequiredService<IMeterFactory>(), ConnectorsTelemetry.Name, instrument);

    public Task RecordAsync(params StockLevel[] levels) => Sync.RecordStockLevelsAsync(levels, Token);

    public Task<InventoryDispatchResult> DispatchAsync(FakeChannel channel) => Sync.DispatchAsync(channel.Name, Token);

    public async Task DispatchAllAsync()
    {
        foreach (var channel in Channels)
        {
            await DispatchAsync(channel);
        }
    }

    public async Task<int> DesiredAsync(FakeChannel channel, string item, string location = InventoryTarget.DefaultLocation) =>
        (await Store.GetInventoryAsync(new InventoryKey(channel.Name, item, location), Token))?.Desired
        ?? throw new InvalidOperationException($"no row {channel.Name}/{item}@{location}");

    public void Dispose() => _provider.Dispose();

    private sealed class NullOutboundEventSink : IOutboundEventSink
    {
        public Task AcceptShipmentAsync(WarehouseShipment shipment, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task AcceptReturnReceiptAsync(ReturnReceipt receipt, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
