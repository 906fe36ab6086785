using Connectors.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Storage.PostgreSql.Tests.MultiHost;

/// <summary>
/// One host instance: its own DI container and engine instances over the shared PostgreSQL schema, the shared
/// channel (the shop) and the shared WMS (through a <see cref="GatedWarehouse"/>, so a test can hang it).
/// </summary>
internal sealed class ConnectorHost : IAsyncDisposable
{
    public const string Shop = "shop";

    private readonly ServiceProvider _services;

    public ConnectorHost(
        string name, string schema, TimeProvider time, FakeChannel channel, FakeWarehouse warehouse, TimeSpan lease, int batchSize = 5, Action<IServiceCollection>? configure = null, OrderCallOverlaps? overlaps = null)
    {
        Name = name;
        Warehouse = new GatedWarehouse(warehouse, name, overlaps);
        var services = new ServiceCollection();
        services.AddSingleton(time);
        services.AddSingleton<IWarehouseOrders>(Warehouse);
        services.AddSingleton<IWarehouseReturns>(warehouse);
        services.AddSingleton<IWarehouseInventory>(warehouse);
        configure?.Invoke(services);
        services.AddConnectors(o =>
            {
                o.LeaseDuration = lease;
                o.RetryBaseDelay = TimeSpan.FromSeconds(1);
                o.RetryMaxDelay = TimeSpan.FromSeconds(2);
                o.MaxAttempts = 50;
                o.Orders.InboxBatchSize = batchSize;
                o.Orders.OutboxBatchSize = batchSize;
            })
            .UsePostgreSql(o =>
            {
                o.ConnectionString = PostgreSqlTestServer.ConnectionString;
                o.Schema = schema;
            })
            .AddChannel(Shop, "fake", _ => channel);
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public string Name { get; }

    public IServiceProvider Services => _services;

    public GatedWarehouse Warehouse { get; }

    public IOrderSync Orders => _services.GetRequiredService<IOrderSync>();

    public IFulfillmentSync Fulfillment => _services.GetRequiredService<IFulfillmentSync>();

    public IInventorySync Inventory => _services.GetRequiredService<IInventorySync>();

    public ISyncStateStore Store => _services.GetRequiredService<ISyncStateStore>();

    public IStockBookStore StockBook => (IStockBookStore)Store;

    public Task<int> DesiredAsync(string item, string location) =>
        Store.GetInventoryAsync(new InventoryKey(Shop, item, location)).AsTask()
            .ContinueWith(t => t.Result?.Desired ?? -1, TaskScheduler.Default);

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
