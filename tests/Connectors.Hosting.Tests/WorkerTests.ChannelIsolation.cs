using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;

namespace Connectors.Hosting.Tests;

/// <summary>One channel down or hanging must not stop the others, and the health check must name it.</summary>
public partial class WorkerTests
{
    [Fact]
    public async Task PollingWorker_ChannelsAheadRefuseWithRawHttpErrorOrHang_LaterChannelsOrdersStillProcessed()
    {
        var ct = TestContext.Current.CancellationToken;
        var refusing = new RefusingChannel("shop-down");
        var hanging = new HangingChannel("shop-hung");

        // Registered ahead of store-a: a worker that polls channels one after another never reaches store-a.
        await using var host = await TestHost.StartAsync(
            o =>
            {
                o.FullSyncOnStart = false;
                o.ChannelPassTimeout = TimeSpan.FromSeconds(2);
            },
            channelsBefore: b => b.AddChannel("shop-hung", "hanging", _ => hanging).AddChannel("shop-down", "refusing", _ => refusing));
        await hanging.Entered.Task.WaitAsync(TimeSpan.FromSeconds(15), ct); // shop-hung's poll is hanging from here on

        host.Channel.Inner.PutOrder(ModelFactory.Order("store-a", "6001", [("S6", 1)], updatedAt: DateTimeOffset.UtcNow));

        await TestHost.EventuallyAsync(() => Task.FromResult(host.Warehouse.Orders.ContainsKey(("store-a", "6001"))), "order 6001 of store-a polled into the WMS while shop-hung hangs and shop-down refuses");
        await TestHost.EventuallyAsync(() => Task.FromResult(host.Channel.Inner.Acknowledgements.Any(a => a.ChannelOrderId == "6001")), "order 6001 acknowledged on store-a");
        Assert.True(refusing.Calls > 0, "shop-down was never polled");

        // Health names both broken channels and keeps store-a out of it.
        var health = host.App.Services.GetRequiredService<HealthCheckService>();
        HealthReport? report = null;
        await TestHost.EventuallyAsync(
            async () =>
            {
                report = await health.CheckHealthAsync(ct);
                var description = report.Entries["connectors"].Description ?? string.Empty;
                return description.Contains("shop-down: order-polling failed (HttpRequestException", StringComparison.Ordinal)
                    && description.Contains("shop-hung: order-polling failed (the pass did not end within ChannelPassTimeout", StringComparison.Ordinal);
            },
            "health naming shop-down (HttpRequestException) and shop-hung (timed out) as failing in order-polling");
        var entry = report!.Entries["connectors"];
        Assert.Equal(HealthStatus.Degraded, entry.Status);
        Assert.DoesNotContain("store-a:", entry.Description, StringComparison.Ordinal);
        Assert.True(entry.Data.ContainsKey("store-a.last_success"), "store-a's successful polls are not recorded");

        // The failure is logged with the exception object (type and stack trace), not just its message.
        var logged = host.Logs.Entries.First(e => e.EventId.Id == 5001 && e.Message.Contains("shop-down", StringComparison.Ordinal));
        Assert.Equal(LogLevel.Warning, logged.Level);
        Assert.IsType<HttpRequestException>(logged.Exception);
        Assert.NotNull(logged.Exception!.StackTrace);
    }

    [Fact]
    public async Task InventoryWorker_EveryPushOfAChannelFailsOrHangs_OtherChannelStillGetsStock_HealthNamesTheFailingChannel()
    {
        var ct = TestContext.Current.CancellationToken;
        var refusing = new RefusingChannel("shop-down");
        var hanging = new HangingChannel("shop-hung");
        await using var host = await TestHost.StartAsync(
            o =>
            {
                o.FullSyncOnStart = false;
                o.PollOrders = false;
            },
            channelsBefore: b => b.AddChannel("shop-hung", "hanging", _ => hanging).AddChannel("shop-down", "refusing", _ => refusing));
        var events = host.App.Services.GetRequiredService<IConnectorEvents>();

        await events.PublishStockLevelsAsync([new StockLevel("S1", "WH1", 7m)], ct);

        await hanging.Entered.Task.WaitAsync(TimeSpan.FromSeconds(15), ct);
        await TestHost.EventuallyAsync(() => Task.FromResult(host.Channel.Inner.GetLevel("S1", "WH1") == 7), "S1 = 7 on store-a while shop-hung's push hangs and shop-down's fails");

        // The engine absorbs the failed push (rows rescheduled), so nothing is thrown; the worker must still report it.
        var health = host.App.Services.GetRequiredService<HealthCheckService>();
        HealthReport? report = null;
        await TestHost.EventuallyAsync(
            async () =>
            {
                report = await health.CheckHealthAsync(ct);
                return (report.Entries["connectors"].Description ?? string.Empty).Contains("shop-down: inventory failed (no push was applied", StringComparison.Ordinal);
            },
            "health naming shop-down as failing in inventory");
        Assert.Equal(HealthStatus.Degraded, report!.Status);
        Assert.DoesNotContain("store-a:", report.Entries["connectors"].Description, StringComparison.Ordinal);
        Assert.True(refusing.Calls > 0);

        // The engine's log of the failed push carries the exception (type and stack trace), not just its message.
        var failedPush = host.Logs.Entries.First(e => e.EventId.Id == 1001 && e.Message.Contains("shop-down", StringComparison.Ordinal));
        Assert.IsType<HttpRequestException>(failedPush.Exception);
        Assert.NotNull(failedPush.Exception!.StackTrace);
    }
}
