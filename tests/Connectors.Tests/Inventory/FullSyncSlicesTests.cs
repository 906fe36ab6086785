using System.Runtime.CompilerServices;
using Connectors.Internal;
using Connectors.State;
using Connectors.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Connectors.Tests.Inventory;

/// <summary>
/// A full sync of 100,000 rows must not hold the engine's writer for its whole length: an order window and a stock
/// change are taken while the WMS snapshot streams, and between the slices the rows are computed in. The checks are
/// orderings (the snapshot or the sync is held at a known point while the window opens), with a generous 30 s bound
/// only so that the code before the fix fails instead of hanging.
/// </summary>
public sealed class FullSyncSlicesTests
{
    private const int Rows = 100_000;
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task FullSync_WhileSnapshotStreams_WindowOpensAndStockChangeWinsOverSnapshot(bool bookInStore)
    {
        var warehouse = new PausingWarehouse(pauseAfter: Rows / 2);
        using var engine = Engine.Create(warehouse, new CountingResolver(pauseAt: null), bookInStore);

        var sync = engine.Inventory.FullSyncAsync(Ct);
        await warehouse.Paused.Task.WaitAsync(Bound, Ct);

        // Mid-snapshot: a window opens for a SKU the snapshot has already streamed, and the WMS reports a new level of another.
        var opened = engine.Window.OpenAsync(new PendingReservation
        {
            Channel = "a",
            OrderId = "o-1",
            Quantities = [new ReservedQuantity(Sku(1), 2m)],
            CreatedAt = ModelFactory.Epoch,
        }, Ct).AsTask();
        var published = engine.Events.PublishStockLevelsAsync([new StockLevel(Sku(2), "wh1", 1)], Ct);
        var both = Task.WhenAll(opened, published);
        var inTime = await Task.WhenAny(both, Task.Delay(Bound, Ct)) == both;
        warehouse.Resume.SetResult();
        await sync.WaitAsync(Bound, Ct);

        Assert.True(inTime, "the window and the stock change waited for the full sync's snapshot (the writer was held while it streamed)");
        Assert.Equal(3, await engine.DesiredAsync(Sku(1)));  // 5 less the window
        Assert.Equal(1, await engine.DesiredAsync(Sku(2)));  // the level recorded during the snapshot, not the snapshot's 5
        Assert.Equal(5, await engine.DesiredAsync(Sku(Rows - 1)));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task FullSync_BetweenSlices_WindowOpensBeforeTheSyncEnds(bool bookInStore)
    {
        var resolver = new CountingResolver(pauseAt: 10_000);
        using var engine = Engine.Create(new PausingWarehouse(pauseAfter: null), resolver, bookInStore);

        var sync = engine.Inventory.FullSyncAsync(Ct);
        await resolver.Paused.Task.WaitAsync(Bound, Ct); // the sync is resolving its 10th slice of SKUs, under the writer lock
        var opened = engine.Window.OpenAsync(new PendingReservation
        {
            Channel = "a",
            OrderId = "o-2",
            Quantities = [new ReservedQuantity(Sku(99_000), 4m)],
            CreatedAt = ModelFactory.Epoch,
        }, Ct).AsTask();
        resolver.Resume.SetResult();
        var first = await Task.WhenAny(opened, sync).WaitAsync(Bound, Ct);
        await Task.WhenAll(opened, sync).WaitAsync(Bound, Ct);

        Assert.Same(opened, first); // the window went in between two slices, while 90 slices were still to come
        Assert.Equal(1, await engine.DesiredAsync(Sku(99_000))); // computed after the window opened: 5 - 4
        Assert.Equal(Rows, (await sync).Channels.Single().RowsComputed);
    }

    private static string Sku(int i) => $"SKU-{i:D6}";

    private sealed class Engine : IDisposable
    {
        private readonly ServiceProvider _provider;
        private readonly InMemorySyncStateStore _store;

        private Engine(ServiceProvider provider, InMemorySyncStateStore store)
        {
            _provider = provider;
            _store = store;
        }

        public IInventorySync Inventory => _provider.GetRequiredService<IInventorySync>();

        public IOversellWindow Window => _provider.GetRequiredService<IOversellWindow>();

        public IConnectorEvents Events => _provider.GetRequiredService<IConnectorEvents>();

        public static Engine Create(IWarehouseInventory warehouse, IItemResolver resolver, bool bookInStore)
        {
            var store = new InMemorySyncStateStore();
            var channel = new FakeChannel("a", new ChannelCapabilities(250));
            var services = new ServiceCollection();
            services.AddSingleton(bookInStore ? store : PlainStore.Wrap(store));
            services.AddSingleton<TimeProvider>(new FakeTimeProvider(ModelFactory.Epoch));
            services.AddSingleton(warehouse);
            services.AddSingleton(resolver);
            services.AddConnectors().AddChannel(channel.Name, "fake", _ => channel);
            return new Engine(services.BuildServiceProvider(), store);
        }

        public async Task<int?> DesiredAsync(string sku) =>
            (await _store.GetInventoryAsync(new InventoryKey("a", sku, InventoryTarget.DefaultLocation), Ct))?.Desired;

        public void Dispose() => _provider.Dispose();
    }

    /// <summary>A WMS of 100,000 SKUs with 5 units each; the snapshot can stop half-way until told to go on.</summary>
    private sealed class PausingWarehouse(int? pauseAfter) : IWarehouseInventory
    {
        public TaskCompletionSource Paused { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Resume { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Finished { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async IAsyncEnumerable<StockLevel> GetStockLevelsAsync(IReadOnlyCollection<string>? skus = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            if (skus is not null)
            {
                foreach (var sku in skus)
                {
                    yield return new StockLevel(sku, "wh1", 5);
                }

                yield break;
            }

            for (var i = 0; i < Rows; i++)
            {
                if (i == pauseAfter)
                {
                    Paused.SetResult();
                    await Resume.Task.WaitAsync(cancellationToken);
                }

                yield return new StockLevel(Sku(i), "wh1", 5);
            }

            Finished.SetResult();
        }
    }

    /// <summary>The identity mapping, which can stop at its n-th SKU look-up until told to go on.</summary>
    private sealed class CountingResolver(int? pauseAt) : IItemResolver
    {
        private int _calls;

        public TaskCompletionSource Paused { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Resume { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public ValueTask<ChannelItemDefinition?> FindByChannelItemAsync(string channel, string channelItemId, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult<ChannelItemDefinition?>(Define(channel, channelItemId));

        public async ValueTask<IReadOnlyList<ChannelItemDefinition>> FindBySkuAsync(string channel, string sku, CancellationToken cancellationToken = default)
        {
            if (Interlocked.Increment(ref _calls) == pauseAt)
            {
                Paused.SetResult();
                await Resume.Task.WaitAsync(cancellationToken);
            }

            return [Define(channel, sku)];
        }

        public IAsyncEnumerable<ChannelItemDefinition> ListAsync(string channel, CancellationToken cancellationToken = default) =>
            AsyncEnumerable.Empty<ChannelItemDefinition>();

        private static ChannelItemDefinition Define(string channel, string id) => new(channel, id, [new ItemComponent(id, 1m)], onSale: true, channelSku: id);
    }
}
