using System.Net.Http;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace Connectors.Hosting.Tests;

/// <summary>The start-up full sync when the WMS is not there yet.</summary>
public partial class WorkerTests
{
    [Fact]
    public async Task InventoryWorker_WarehouseSnapshotFailsTwiceAtStart_RetriedWithBackoffUntilTheLevelsArrive()
    {
        var ct = TestContext.Current.CancellationToken;
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 2, 8, 0, 0, TimeSpan.Zero));
        var channel = new FakeChannel("store-b");
        var warehouse = new FakeWarehouse();
        warehouse.SetStock(new StockLevel("S7", "WH1", 5m));
        var flaky = new FlakySnapshot(warehouse, failures: 2, time);
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Services.AddSingleton<IWarehouseInventory>(flaky);
        builder.Services.AddSingleton<IWarehouseOrders>(warehouse);
        builder.Services.AddSingleton<IWarehouseReturns>(warehouse);
        builder.Services.AddConnectors().AddChannel("store-b", "fake", _ => channel).AddHosting(o =>
        {
            o.PollOrders = false;
            o.ReconciliationInterval = null;
        });
        using var host = builder.Build();
        var health = host.Services.GetRequiredService<HealthCheckService>();

        await host.StartAsync(ct);
        await TestHost.EventuallyAsync(() => Task.FromResult(flaky.Calls.Count == 1), "the first start-up full sync attempt");
        await TestHost.EventuallyAsync(
            async () => (await health.CheckHealthAsync(ct)).Entries["connectors"].Description?.Contains("warehouse: full-sync failed (start-up full sync attempt 1 failed: HttpRequestException", StringComparison.Ordinal) == true,
            "health naming the failed start-up full sync");

        // Fake time moves a second per check; the attempts come at the backoff (1 s, then 2 s), not at once and not never.
        await TestHost.EventuallyAsync(
            () =>
            {
                time.Advance(TimeSpan.FromSeconds(1));
                return Task.FromResult(flaky.Calls.Count >= 3);
            },
            "the second and third start-up full sync attempts");
        await TestHost.EventuallyAsync(
            () =>
            {
                time.Advance(TimeSpan.FromMilliseconds(100)); // the push waits InventoryPushDelay on the host's (fake) clock
                return Task.FromResult(channel.GetLevel("S7", "WH1") == 5);
            },
            "S7 = 5 on store-b after the third attempt");

        var calls = flaky.Calls;
        Assert.Equal(3, calls.Count);
        Assert.True(calls[1] - calls[0] >= TimeSpan.FromSeconds(1), $"second attempt {calls[1] - calls[0]} after the first");
        Assert.True(calls[2] - calls[1] >= TimeSpan.FromSeconds(2), $"third attempt {calls[2] - calls[1]} after the second");
        Assert.Equal(HealthStatus.Healthy, (await health.CheckHealthAsync(ct)).Status);
        await host.StopAsync(ct);
    }

    [Fact]
    public void FullSyncDelay_DoublesFromOneSecond_CappedAtFiveMinutes()
    {
        Assert.Equal(TimeSpan.FromSeconds(1), Workers.InventoryWorker.FullSyncDelay(1));
        Assert.Equal(TimeSpan.FromSeconds(2), Workers.InventoryWorker.FullSyncDelay(2));
        Assert.Equal(TimeSpan.FromSeconds(256), Workers.InventoryWorker.FullSyncDelay(9));
        Assert.Equal(TimeSpan.FromMinutes(5), Workers.InventoryWorker.FullSyncDelay(10));
        Assert.Equal(TimeSpan.FromMinutes(5), Workers.InventoryWorker.FullSyncDelay(1000));
    }

    /// <summary>A WMS whose whole snapshot fails (connection refused) the first <c>failures</c> times; records when each snapshot was asked for.</summary>
    private sealed class FlakySnapshot(IWarehouseInventory inner, int failures, TimeProvider time) : IWarehouseInventory
    {
        private readonly Lock _lock = new();
        private readonly List<DateTimeOffset> _calls = [];

        public IReadOnlyList<DateTimeOffset> Calls
        {
            get
            {
                lock (_lock)
                {
                    return [.. _calls];
                }
            }
        }

        public async IAsyncEnumerable<StockLevel> GetStockLevelsAsync(IReadOnlyCollection<string>? skus = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            var call = 0;
            if (skus is null)
            {
                lock (_lock)
                {
                    _calls.Add(time.GetUtcNow());
                    call = _calls.Count;
                }
            }

            if (skus is null && call <= failures)
            {
                throw new HttpRequestException("Connection refused (wms:443)");
            }

            await foreach (var level in inner.GetStockLevelsAsync(skus, cancellationToken))
            {
                yield return level;
            }
        }
    }
}
