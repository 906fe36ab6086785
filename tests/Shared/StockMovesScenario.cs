using Connectors.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Connectors.Tests.Shared;

/// <summary>
/// The engine on a fake clock and a fake WMS against one item of an emulated shop that moves stock itself, with a sampler
/// of the level the shop shows: after every step, and while sampled in between, the shop must never show more than
/// <see cref="Ceiling"/>. Shared by the Shopify and WooCommerce stock-move tests (linked source), each deriving with its
/// emulator.
/// </summary>
internal abstract class StockMovesScenario : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly List<string> _overstated = [];
    private readonly string _channel;
    private Task _sampler = Task.CompletedTask;
    private volatile int _ceiling;

    protected StockMovesScenario(string channel, FakeTimeProvider time, string sku, FakeWarehouse wms, ServiceProvider services, int ceiling)
    {
        _channel = channel;
        Time = time;
        Sku = sku;
        Wms = wms;
        Services = services;
        _ceiling = ceiling;
    }

    public FakeTimeProvider Time { get; }

    /// <summary>The item's WMS SKU.</summary>
    public string Sku { get; }

    public FakeWarehouse Wms { get; }

    public ServiceProvider Services { get; }

    /// <summary>The most the shop may show now: the WMS's available-to-sell, counting what the shop itself did.</summary>
    public int Ceiling
    {
        get => _ceiling;
        set => _ceiling = value;
    }

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>One pass of what the workers do: poll, process the inbox, push.</summary>
    public async Task EngineAsync()
    {
        Time.Advance(TimeSpan.FromMinutes(1));
        await Services.GetRequiredService<IOrderSync>().PollAsync(_channel, Ct);
        Check();
        await Services.GetRequiredService<IOrderSync>().ProcessInboxAsync(Ct);
        Check();
        await DispatchAsync();
    }

    /// <summary>Records the WMS's current levels of the item, as a host publishing stock would, and pushes them.</summary>
    public async Task PublishAsync()
    {
        var levels = new List<StockLevel>();
        await foreach (var level in Wms.GetStockLevelsAsync([Sku], Ct))
        {
            levels.Add(level);
        }

        await Services.GetRequiredService<IInventorySync>().RecordStockLevelsAsync(levels, Ct);
        await DispatchAsync();
    }

    public async Task<int> WmsFreeAsync()
    {
        var free = 0m;
        await foreach (var level in Wms.GetStockLevelsAsync([Sku], Ct))
        {
            free += level.Free;
        }

        return (int)free;
    }

    public async Task DispatchAsync()
    {
        await Services.GetRequiredService<IInventorySync>().DispatchAsync(_channel, Ct);
        Check();
    }

    /// <summary>The shop shows no more than <see cref="Ceiling"/> now, and never did while sampled.</summary>
    public void Check()
    {
        var shown = Shown();
        Assert.True(shown <= Ceiling, $"the shop shows {shown}, more than the {Ceiling} available to sell");
        lock (_overstated)
        {
            Assert.True(_overstated.Count == 0, "sampled over-statements: " + string.Join("; ", _overstated));
        }
    }

    /// <summary>The shop shows exactly <paramref name="level"/>, the WMS's available-to-sell.</summary>
    public void Expect(int level)
    {
        Ceiling = Math.Min(Ceiling, level);
        Check();
        Assert.Equal(level, Shown());
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _sampler;
        _stop.Dispose();
        await Services.DisposeAsync();
        await DisposeShopAsync();
    }

    /// <summary>The first full sync and push, which must show <paramref name="stock"/>; then the sampler starts.</summary>
    protected async Task SyncAndSampleAsync(int stock)
    {
        await Services.GetRequiredService<IInventorySync>().FullSyncAsync(Ct);
        await DispatchAsync();
        Expect(stock);
        _sampler = Task.Run(SampleAsync, Ct);
    }

    /// <summary>The level the shop shows now (null when it has none).</summary>
    protected abstract int? Shown();

    protected abstract ValueTask DisposeShopAsync();

    private async Task SampleAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var ceiling = Ceiling;
            var shown = Shown();
            if (shown > ceiling && shown > Ceiling)
            {
                lock (_overstated)
                {
                    _overstated.Add($"{shown} > {ceiling}");
                }
            }

            try
            {
                await Task.Delay(1, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
