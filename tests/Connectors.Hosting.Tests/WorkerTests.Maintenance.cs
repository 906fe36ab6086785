using System.Collections.Concurrent;
using System.Net.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace Connectors.Hosting.Tests;

/// <summary>Scheduled reconciliation runs channel by channel; one channel's failure does not cost the others theirs.</summary>
public partial class WorkerTests
{
    [Fact]
    public async Task MaintenanceWorker_ReconciliationOfOneChannelThrows_NextChannelStillReconciled_HealthNamesIt()
    {
        var ct = TestContext.Current.CancellationToken;
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 2, 8, 0, 0, TimeSpan.Zero));
        var reconciler = new ThrowingReconciler();
        var warehouse = new FakeWarehouse();
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Services.AddSingleton<IWarehouseInventory>(warehouse);
        builder.Services.AddSingleton<IWarehouseOrders>(warehouse);
        builder.Services.AddSingleton<IWarehouseReturns>(warehouse);
        builder.Services.AddConnectors()
            .AddChannel("shop-down", "fake", _ => new FakeChannel("shop-down"))
            .AddChannel("store-b", "fake", _ => new FakeChannel("store-b"))
            .AddHosting(o =>
            {
                o.PollOrders = false;
                o.FullSyncOnStart = false;
                o.ReconciliationInterval = TimeSpan.FromMinutes(1);
            });
        builder.Services.AddSingleton<IReconciler>(reconciler);
        using var host = builder.Build();
        await host.StartAsync(ct);

        // The first run comes one interval after start, on the host's (fake) clock.
        await TestHost.EventuallyAsync(
            () =>
            {
                time.Advance(TimeSpan.FromSeconds(10));
                return Task.FromResult(reconciler.Calls.Contains("store-b"));
            },
            "store-b reconciled after shop-down's reconciliation threw");

        Assert.Contains("shop-down", reconciler.Calls);
        var description = (await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(ct)).Entries["connectors"].Description;
        Assert.Contains("shop-down: reconciliation failed (HttpRequestException: Connection refused", description, StringComparison.Ordinal);
        await host.StopAsync(ct);
    }

    /// <summary>A reconciler whose run for <c>shop-down</c> fails as an unwrapped transport error; it records every channel asked for.</summary>
    private sealed class ThrowingReconciler : IReconciler
    {
        private readonly ConcurrentQueue<string> _calls = new();

        public IReadOnlyCollection<string> Calls => [.. _calls];

        public Task<ReconciliationReport> ReconcileAsync(ReconciliationRequest request, CancellationToken cancellationToken = default)
        {
            _calls.Enqueue(request.Channel);
            throw request.Channel == "shop-down"
                ? new HttpRequestException("Connection refused (shop-down:443)")
                : new NotSupportedException("this test reconciler only records the call");
        }
    }
}
