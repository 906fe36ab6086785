using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Connectors.Hosting.Tests;

public partial class WorkerTests
{
    [Fact]
    public async Task InventoryWorker_StockPublished_ReachesChannel()
    {
        // No start-up full sync: it replaces the stock book with the WMS snapshot (empty here), and whether it read that
        // before or after the event would decide the result. This test is about the published event alone.
        await using var host = await TestHost.StartAsync(o => o.FullSyncOnStart = false);
        var events = host.App.Services.GetRequiredService<IConnectorEvents>();

        await events.PublishStockLevelsAsync([new StockLevel("S1", "WH1", 12m, 2m)], TestContext.Current.CancellationToken);

        await TestHost.EventuallyAsync(() => Task.FromResult(host.Channel.Inner.GetLevel("S1", "WH1") == 10), "S1 = 10 at WH1 on the channel");
    }

    [Fact]
    public async Task InventoryWorker_FullSyncOnStart_PushesWarehouseSnapshot()
    {
        var channel = new FakeChannel("store-b");
        var warehouse = new FakeWarehouse();
        warehouse.SetStock(new StockLevel("S7", "WH1", 5m));
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddSingleton<IWarehouseInventory>(warehouse);
        builder.Services.AddSingleton<IWarehouseOrders>(warehouse);
        builder.Services.AddSingleton<IWarehouseReturns>(warehouse);
        builder.Services.AddConnectors().AddChannel("store-b", "fake", _ => channel).AddHosting(o => o.IdleDelay = TimeSpan.FromMilliseconds(20));
        using var host = builder.Build();

        await host.StartAsync(TestContext.Current.CancellationToken);
        await TestHost.EventuallyAsync(() => Task.FromResult(channel.GetLevel("S7", "WH1") == 5), "S7 = 5 after the start-up full sync");
        await host.StopAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task PollingWorker_OrderOnChannel_IsSubmittedAndAcknowledged()
    {
        await using var host = await TestHost.StartAsync();

        host.Channel.Inner.PutOrder(ModelFactory.Order("store-a", "2001", [("S2", 3)], updatedAt: DateTimeOffset.UtcNow));

        await TestHost.EventuallyAsync(() => Task.FromResult(host.Warehouse.Orders.ContainsKey(("store-a", "2001"))), "order 2001 polled into the WMS");
        await TestHost.EventuallyAsync(() => Task.FromResult(host.Channel.Inner.Acknowledgements.Any(a => a.ChannelOrderId == "2001")), "order 2001 acknowledged");
    }

    [Fact]
    public async Task OutboxWorker_ShipmentPublishedTwice_FulfilledOnce()
    {
        await using var host = await TestHost.StartAsync();
        host.Channel.Inner.PutOrder(ModelFactory.Order("store-a", "3001", [("S3", 2)], updatedAt: DateTimeOffset.UtcNow));
        await TestHost.EventuallyAsync(() => Task.FromResult(host.Warehouse.Orders.ContainsKey(("store-a", "3001"))), "order 3001 in the WMS");
        var events = host.App.Services.GetRequiredService<IConnectorEvents>();
        var shipment = ModelFactory.Shipment("SH-1", "store-a", "3001", [("S3", 2m)]);

        await events.PublishShipmentAsync(shipment, TestContext.Current.CancellationToken);
        await events.PublishShipmentAsync(shipment, TestContext.Current.CancellationToken);

        await TestHost.EventuallyAsync(() => Task.FromResult(host.Channel.Inner.Fulfillments.Count == 1), "one fulfilment on the channel");
        await TestHost.EventuallyAsync(async () => await host.Store.CountPendingAsync(WorkQueue.Outbox) == 0, "outbox drained");
        Assert.Single(host.Channel.Inner.Fulfillments);
    }

    [Fact]
    public async Task Workers_WorkArrivingWhileTheyIdle_WakesThemBeforeTheIdleDelay()
    {
        // An idle delay far beyond the test's patience: only the engine's wake-up can get the work done in time. No
        // start-up full sync (see InventoryWorker_StockPublished_ReachesChannel).
        var time = new WatchedTimeProvider(TimeSpan.FromMinutes(9));
        await using var host = await TestHost.StartAsync(
            o =>
            {
                o.IdleDelay = TimeSpan.FromMinutes(9); // a due time no other timer of the host has (ChannelPassTimeout is 10)
                o.PollOrders = false;
                o.FullSyncOnStart = false;
            },
            services: s => s.AddSingleton<TimeProvider>(time));
        await WaitUntilIdleAsync(time); // otherwise a first pass still running could pick the work up without any wake-up
        var events = host.App.Services.GetRequiredService<IConnectorEvents>();

        await events.PublishStockLevelsAsync([new StockLevel("S6", "WH1", 9m, 1m)], TestContext.Current.CancellationToken);
        await TestHost.EventuallyAsync(() => Task.FromResult(host.Channel.Inner.GetLevel("S6", "WH1") == 8), "S6 = 8 at WH1 on the channel");
        host.Channel.Inner.PutOrder(ModelFactory.Order("store-a", "5001", [("S5", 1)], updatedAt: DateTimeOffset.UtcNow));

        await host.PostWebhookAsync("{\"id\":\"5001\",\"updated_at\":\"2026-01-01T00:00:00Z\"}", delivery: "d-5001");
        await TestHost.EventuallyAsync(() => Task.FromResult(host.Warehouse.Orders.ContainsKey(("store-a", "5001"))), "order 5001 in the WMS");

        await events.PublishShipmentAsync(ModelFactory.Shipment("SH-5001", "store-a", "5001", [("S5", 1m)]), TestContext.Current.CancellationToken);
        await TestHost.EventuallyAsync(() => Task.FromResult(host.Channel.Inner.Fulfillments.Count == 1), "shipment SH-5001 fulfilled on the channel");
    }

    [Fact]
    public async Task InventoryWorker_ChangesArrivingWithinThePushDelay_GoOutInOneShopCall()
    {
        var time = new WatchedTimeProvider(TimeSpan.FromMinutes(9));
        await using var host = await TestHost.StartAsync(
            o =>
            {
                o.IdleDelay = TimeSpan.FromMinutes(9); // a due time no other timer of the host has (ChannelPassTimeout is 10)
                o.InventoryPushDelay = TimeSpan.FromSeconds(2);
                o.PollOrders = false;
                o.FullSyncOnStart = false;
            },
            services: s => s.AddSingleton<TimeProvider>(time));
        await WaitUntilIdleAsync(time); // the first change must wake an idle worker, not join a pass in progress
        var events = host.App.Services.GetRequiredService<IConnectorEvents>();

        // The first change wakes the worker; the second arrives while it gathers.
        await events.PublishStockLevelsAsync([new StockLevel("S8", "WH1", 4m)], TestContext.Current.CancellationToken);
        await events.PublishStockLevelsAsync([new StockLevel("S9", "WH1", 6m)], TestContext.Current.CancellationToken);

        await TestHost.EventuallyAsync(
            () => Task.FromResult(host.Channel.Inner.GetLevel("S8", "WH1") == 4 && host.Channel.Inner.GetLevel("S9", "WH1") == 6), "S8 and S9 on the channel");
        var push = Assert.Single(host.Channel.Inner.Pushes);
        Assert.Equal(["S8", "S9"], push.Select(t => t.ChannelItemId).Order(StringComparer.Ordinal));
    }

    /// <summary>
    /// Waits until the inventory loop of store-a, the inbox worker and the outbox worker are each waiting out their idle
    /// delay (each created a timer with it), the maintenance worker's schedule aside.
    /// </summary>
    private static Task WaitUntilIdleAsync(WatchedTimeProvider time) =>
        TestHost.EventuallyAsync(() => Task.FromResult(time.WatchedTimers >= 3), "the inventory, inbox and outbox workers idle after their first passes");

    [Fact]
    public async Task StopAsync_InboxPassInFlight_FinishesTheItemBeforeTheHostStops()
    {
        var ct = TestContext.Current.CancellationToken;
        var wms = new GatedWarehouseOrders(new FakeWarehouse());
        await using var host = await TestHost.StartAsync(services: s => s.AddSingleton<IWarehouseOrders>(wms));
        var workers = host.App.Services.GetServices<IHostedService>().OfType<Workers.WorkerBase>().ToList();
        var order = ModelFactory.Order("store-a", "4001", [("S4", 1)], updatedAt: DateTimeOffset.UtcNow);
        host.Channel.Inner.PutOrder(order);
        await wms.Entered.Task.WaitAsync(TimeSpan.FromSeconds(15), ct); // the inbox worker is inside the WMS call

        var stopping = host.App.StopAsync(ct);

        // The host stops its services one by one, last registered first: once the maintenance and outbox workers have
        // ended, it is waiting on the inbox worker, whose pass is still in the WMS call.
        await TestHost.EventuallyAsync(
            () => Task.FromResult(workers.OfType<Workers.MaintenanceWorker>().Single().ExecuteTask!.IsCompleted && workers.OfType<Workers.OutboxWorker>().Single().ExecuteTask!.IsCompleted),
            "the maintenance and outbox workers stopped");
        var stoppedWhileInFlight = stopping.IsCompleted;
        wms.Gate.SetResult();
        await stopping;

        Assert.False(stoppedWhileInFlight, "the host stopped while a pass was in the WMS call");
        Assert.False(wms.ObservedCancellation, "the pass was cancelled by shutdown although the shutdown timeout had not run out");
        Assert.True(wms.Inner.Orders.ContainsKey(("store-a", "4001")));
        Assert.Contains(host.Channel.Inner.Acknowledgements, a => a.ChannelOrderId == "4001"); // the pass ran to its end
        var item = await host.Store.GetWorkItemAsync(WorkQueue.Inbox, InboxItemId(order), ct);
        Assert.Equal(WorkItemStatus.Completed, item?.Status); // completed, not left leased for another host
        Assert.Equal(0, await host.Store.CountPendingAsync(WorkQueue.Inbox, cancellationToken: ct));
    }

    [Fact]
    public async Task StopAsync_PassThatDoesNotEnd_IsCancelledAtTheShutdownTimeoutAndTheWorkerStops()
    {
        var ct = TestContext.Current.CancellationToken;
        var wms = new HangingWarehouseOrders(new FakeWarehouse());
        await using var host = await TestHost.StartAsync(services: s =>
        {
            s.AddSingleton<IWarehouseOrders>(wms);
            s.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(1));
        });
        var inbox = host.App.Services.GetServices<IHostedService>().OfType<Workers.InboxWorker>().Single();
        var order = ModelFactory.Order("store-a", "4101", [("S4", 1)], updatedAt: DateTimeOffset.UtcNow);
        host.Channel.Inner.PutOrder(order);
        await wms.Entered.Task.WaitAsync(TimeSpan.FromSeconds(15), ct); // the inbox worker is inside a WMS call that never returns

        await host.App.StopAsync(ct);

        // The worker must not outlive the host (it would run on under a disposed service provider).
        var ended = await Task.WhenAny(inbox.ExecuteTask!, Task.Delay(TimeSpan.FromSeconds(15), ct)) == inbox.ExecuteTask;
        Assert.True(ended, "the inbox worker was still running 15 s after the host had stopped");
        Assert.True(wms.ObservedCancellation, "the WMS call never saw the cancellation at the shutdown deadline");
        var item = await host.Store.GetWorkItemAsync(WorkQueue.Inbox, InboxItemId(order), ct);
        Assert.Equal(WorkItemStatus.Pending, item?.Status); // left for its lease to run out, not completed nor dead-lettered
        Assert.DoesNotContain(host.Logs.Entries, e => e.Level >= LogLevel.Error);
    }

    [Fact]
    public async Task HostStart_PortInUse_WorkersStopQuietlyWithoutErrorLogs()
    {
        var ct = TestContext.Current.CancellationToken;
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        var logs = new RecordingLoggerProvider();
        var wms = new FakeWarehouse();
        var snapshot = new DisposedUnderItWarehouse();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(logs).SetMinimumLevel(LogLevel.Debug);
        builder.Services.AddSingleton<IWarehouseInventory>(snapshot);
        builder.Services.AddSingleton<IWarehouseOrders>(wms);
        builder.Services.AddSingleton<IWarehouseReturns>(wms);
        builder.Services.AddConnectors().AddChannel("store-a", "fake", _ => new FakeChannel("store-a")).AddHosting(o => o.PollOrders = false);
        var app = builder.Build();
        var workers = app.Services.GetServices<IHostedService>().OfType<Workers.WorkerBase>().ToList();

        await Assert.ThrowsAnyAsync<IOException>(() => app.StartAsync(ct));
        await snapshot.Entered.Task.WaitAsync(TimeSpan.FromSeconds(15), ct); // the start-up full sync is in the WMS call
        await app.DisposeAsync();
        snapshot.Gate.SetResult(); // the call now fails as a disposed client does

        var all = Task.WhenAll(workers.Select(w => w.ExecuteTask ?? Task.CompletedTask));
        Assert.True(await Task.WhenAny(all, Task.Delay(TimeSpan.FromSeconds(15), ct)) == all, "the workers were still running 15 s after the host was disposed");
        Assert.DoesNotContain(logs.Entries, e => e.Level >= LogLevel.Error && e.Category.StartsWith("Connectors", StringComparison.Ordinal));
        Assert.Contains(logs.Entries, e => e.EventId.Id == 5007 && e.Exception is ObjectDisposedException);
    }

    [Fact]
    public async Task HealthCheck_DeadLetterWaiting_ReportsDegradedNamingChannel()
    {
        await using var host = await TestHost.StartAsync();
        var health = host.App.Services.GetRequiredService<HealthCheckService>();
        Assert.Equal(HealthStatus.Healthy, (await health.CheckHealthAsync(TestContext.Current.CancellationToken)).Status);

        await host.PostWebhookAsync("{\"updated_at\":\"2026-01-01T00:00:00Z\"}");

        var report = await health.CheckHealthAsync(TestContext.Current.CancellationToken);
        Assert.Equal(HealthStatus.Degraded, report.Status);
        var entry = report.Entries["connectors"];
        Assert.Contains("store-a", entry.Description, StringComparison.Ordinal);
        Assert.Equal(1, entry.Data["store-a.dead_letters"]);
    }

    [Fact]
    public async Task HealthCheck_Probe_CountsDeadLettersWithoutReadingThem()
    {
        var ct = TestContext.Current.CancellationToken;
        var (store, counts) = CountingStore.Wrap(new Connectors.State.InMemorySyncStateStore());
        await using var host = await TestHost.StartAsync(services: s => s.AddSingleton(store));
        var now = DateTimeOffset.UtcNow;
        await store.AddDeadLetterAsync(new DeadLetter
        {
            Id = "d-1",
            Channel = "store-a",
            Flow = "orders",
            Kind = "webhook",
            Reason = "bad body",
            ErrorType = "payload",
            Payload = new string('x', 10_000),
            Attempts = 1,
            FirstAttemptAt = now,
            DeadLetteredAt = now,
            SourceQueue = null,
        }, ct);
        var health = host.App.Services.GetRequiredService<HealthCheckService>();

        var report = await health.CheckHealthAsync(ct);

        Assert.Equal(1, report.Entries["connectors"].Data["store-a.dead_letters"]);
        Assert.Equal(HealthStatus.Degraded, report.Status);
        Assert.Equal(0, counts.Calls(nameof(ISyncStateStore.ListDeadLettersAsync))); // no payload read to count
        Assert.Equal(1, counts.Calls(nameof(ISyncStateStore.CountDeadLettersAsync)));
    }

    [Fact]
    public async Task HostStart_InvalidHostingOptions_FailsNamingSetting()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddConnectors().AddHosting(o =>
        {
            o.IdleDelay = TimeSpan.Zero;
            o.InventoryPushDelay = TimeSpan.FromMinutes(2);
        });
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains(error.Failures, f => f.Contains("IdleDelay", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("InventoryPushDelay is 00:02:00", StringComparison.Ordinal));
    }

    [Fact]
    public void AddHosting_CalledTwice_RegistersWorkersOnce()
    {
        var services = new ServiceCollection();
        services.AddConnectors().AddHosting().AddHosting(o => o.IdleDelay = TimeSpan.FromSeconds(2));

        var workers = services.Where(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType?.Namespace == "Connectors.Hosting.Workers").ToList();
        Assert.Equal(7, workers.Count);
        Assert.Equal(7, workers.Select(d => d.ImplementationType).Distinct().Count());
    }

    /// <summary>
    /// The inbox item id of an order version. Its format (version plus a content tag) is the engine's internal detail, so
    /// it is asked of the engine rather than spelled out here.
    /// </summary>
    private static string InboxItemId(ChannelOrder order) =>
        (string)typeof(ConnectorsOptions).Assembly.GetType("Connectors.Orders.Internal.WorkKinds", throwOnError: true)!
            .GetMethod("OrderVersionId", [typeof(ChannelOrder)])!
            .Invoke(null, [order])!;
}
