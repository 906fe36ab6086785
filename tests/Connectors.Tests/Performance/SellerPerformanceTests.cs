using Connectors.Performance.Internal;
using Connectors.State;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Connectors.Tests.Performance;

/// <summary>Issue 20: seller-performance figures over rolling windows on a fake clock, thresholds and orders at risk.</summary>
public sealed class SellerPerformanceTests : IDisposable
{
    private const string Channel = "amazon-de";
    private static readonly DateTimeOffset Now = new(2026, 3, 31, 12, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Now);
    private readonly InMemorySyncStateStore _store = new();
    private readonly ServiceProvider _services;

    public SellerPerformanceTests()
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_time);
        services.AddSingleton<ISyncStateStore>(_store);
        services.AddFakeLogging();
        services.AddConnectors().ConfigureSellerPerformance(o =>
        {
            o.AtRiskLead = TimeSpan.FromHours(12);
            o.Thresholds.MinimumSample = 1;
        });
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private ISellerPerformance Performance => _services.GetRequiredService<ISellerPerformance>();

    private FakeLogCollector Logs => _services.GetFakeLogCollector();

    public void Dispose() => _services.Dispose();

    private ValueTask Order(string id, DateTimeOffset? placed = null, DateTimeOffset? shipBy = null, DateTimeOffset? accepted = null, DateTimeOffset? refused = null, DateTimeOffset? cancelled = null, DateTimeOffset? confirmed = null, string channel = Channel) =>
        _store.RecordOrderTimelineAsync(
            new OrderTimeline { Channel = channel, OrderId = id, PlacedAt = placed, ShipBy = shipBy, AcceptedAt = accepted, RefusedAt = refused, CancelledAt = cancelled, FirstConfirmedAt = confirmed },
            Ct);

    private ValueTask<bool> Shipment(string id, DateTimeOffset shipped, DateTimeOffset confirmed, bool valid = true) =>
        _store.RecordShipmentTimelineAsync(new ShipmentTimeline { Channel = Channel, OrderId = "o-" + id, ShipmentId = id, ShippedAt = shipped, ConfirmedAt = confirmed, ValidTracking = valid }, Ct);

    private static DateTimeOffset Ago(double hours) => Now - TimeSpan.FromHours(hours);

    [Fact]
    public async Task GetReport_LateShipmentRate_CountsOrdersDueInEachWindow()
    {
        await Order("on-time", shipBy: Ago(48), confirmed: Ago(50));
        await Order("late-confirmed", shipBy: Ago(48), confirmed: Ago(30));
        await Order("never-confirmed", shipBy: Ago(24));
        await Order("cancelled-first", shipBy: Ago(24), cancelled: Ago(40));
        await Order("not-due-yet", shipBy: Now.AddHours(30), confirmed: Ago(1));
        await Order("late-10-days-ago", shipBy: Ago(240), confirmed: Ago(200));
        await Order("other-channel", shipBy: Ago(24), channel: "ebay");

        var report = await Performance.GetReportAsync(Channel, Ct);

        Assert.Equal((3, 2), (report.Last7Days.OrdersDue, report.Last7Days.LateShipments));
        Assert.Equal(2.0 / 3, report.Last7Days.LateShipmentRate!.Value, 9);
        Assert.Equal((4, 3), (report.Last30Days.OrdersDue, report.Last30Days.LateShipments));
        Assert.Equal(0.75, report.Last30Days.LateShipmentRate);
    }

    [Fact]
    public async Task GetReport_WindowEdges_StartIncludedNowExcludedForDeadlines()
    {
        var weekAgo = Now - TimeSpan.FromDays(7);
        await Order("at-start", shipBy: weekAgo, confirmed: weekAgo);
        await Order("just-before-start", shipBy: weekAgo - TimeSpan.FromTicks(1));
        await Order("due-now", shipBy: Now);
        await Order("placed-at-start", placed: weekAgo, cancelled: weekAgo);
        await Order("placed-before-start", placed: weekAgo - TimeSpan.FromTicks(1), cancelled: weekAgo);

        var week = (await Performance.GetReportAsync(Channel, Ct)).Last7Days;

        // Confirmed exactly at its ship-by is on time; a deadline that is now has not passed yet.
        Assert.Equal((1, 0), (week.OrdersDue, week.LateShipments));
        Assert.Equal((1, 1), (week.OrdersPlaced, week.CancelledBeforeFulfillment));
        Assert.Equal(weekAgo, week.From);
        Assert.Equal(Now, week.To);

        // One tick later the order placed at the start has left the window, and the one due now is due (and late).
        _time.Advance(TimeSpan.FromTicks(1));
        week = (await Performance.GetReportAsync(Channel, Ct)).Last7Days;
        Assert.Equal(0, week.OrdersPlaced);
        Assert.Equal((1, 1), (week.OrdersDue, week.LateShipments));
    }

    [Fact]
    public async Task GetReport_ValidTrackingRate_OverShipmentsConfirmedInTheWindow()
    {
        WarehouseShipment Parcel(string id, string? carrier, params string[] numbers) =>
            new(id, Channel, "o-" + id, [new WarehouseShipmentLine("SKU", 1m)], Ago(30), carrier, null, [.. numbers.Select(n => new TrackingInfo(n))]);

        var time = new FakeTimeProvider(Now - TimeSpan.FromDays(10));
        using var services = Build(_ => { }, time);
        var recorder = services.GetRequiredService<SellerPerformanceService>();
        await recorder.ShipmentConfirmedAsync(Parcel("older", "DPD", "01234567890123"), Ct);
        time.SetUtcNow(Ago(20));
        await recorder.ShipmentConfirmedAsync(Parcel("ups", "UPS", "1Z999AA10123456784"), Ct);
        await recorder.ShipmentConfirmedAsync(Parcel("royal-mail", "Royal Mail", "RR123456785GB"), Ct);
        await recorder.ShipmentConfirmedAsync(Parcel("two-parcels-one-bad", "UPS", "1Z999AA10123456784", "1Z123"), Ct);
        await recorder.ShipmentConfirmedAsync(Parcel("unknown-carrier", "Hermes", "H123456789"), Ct);
        await recorder.ShipmentConfirmedAsync(Parcel("no-tracking", "DHL"), Ct);
        time.SetUtcNow(Now);

        var report = await services.GetRequiredService<ISellerPerformance>().GetReportAsync(Channel, Ct);

        Assert.Equal((5, 2), (report.Last7Days.ShipmentsConfirmed, report.Last7Days.ValidTrackingShipments));
        Assert.Equal(0.4, report.Last7Days.ValidTrackingRate);
        Assert.Equal((6, 3), (report.Last30Days.ShipmentsConfirmed, report.Last30Days.ValidTrackingShipments));
    }

    [Fact]
    public async Task GetReport_CancellationRate_CountsSellerCancellationsAndWmsRefusalsBeforeShipping()
    {
        await Order("normal", placed: Ago(50), accepted: Ago(49), confirmed: Ago(20));
        await Order("cancelled-before-shipping", placed: Ago(50), cancelled: Ago(45));
        await Order("refused", placed: Ago(50), refused: Ago(49));
        await Order("refused-then-accepted", placed: Ago(50), refused: Ago(49), accepted: Ago(40));
        await Order("cancelled-after-shipping", placed: Ago(50), confirmed: Ago(30), cancelled: Ago(10));

        var week = (await Performance.GetReportAsync(Channel, Ct)).Last7Days;

        Assert.Equal((5, 2), (week.OrdersPlaced, week.CancelledBeforeFulfillment));
        Assert.Equal(0.4, week.CancellationRate);
    }

    [Fact]
    public async Task GetReport_Latencies_AreMedians()
    {
        await Order("1", placed: Ago(10), accepted: Ago(10) + TimeSpan.FromMinutes(1));
        await Order("2", placed: Ago(10), accepted: Ago(10) + TimeSpan.FromMinutes(3));
        await Order("3", placed: Ago(10), accepted: Ago(10) + TimeSpan.FromMinutes(30));
        await Order("held-not-accepted", placed: Ago(10));
        await Shipment("a", Ago(5), Ago(5) + TimeSpan.FromMinutes(2));
        await Shipment("b", Ago(5), Ago(5) + TimeSpan.FromMinutes(4));

        var week = (await Performance.GetReportAsync(Channel, Ct)).Last7Days;

        Assert.Equal(TimeSpan.FromMinutes(3), week.MedianOrderToWarehouse);
        Assert.Equal(TimeSpan.FromMinutes(3), week.MedianShipToChannel);
    }

    [Fact]
    public async Task GetReport_NothingInTheWindow_RatesAreNull()
    {
        var report = await Performance.GetReportAsync(Channel, Ct);

        Assert.Null(report.Last7Days.LateShipmentRate);
        Assert.Null(report.Last30Days.ValidTrackingRate);
        Assert.Null(report.Last30Days.CancellationRate);
        Assert.Null(report.Last30Days.MedianOrderToWarehouse);
        Assert.Empty(report.Breaches);
    }

    [Fact]
    public async Task EvaluateAsync_ThresholdCrossed_FiresOnceThenOnceWhenBackWithin()
    {
        using var crossings = new MetricCollector<long>(_services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), ConnectorsTelemetry.Name, "connectors.performance.threshold_crossings");
        using var rates = new MetricCollector<double>(_services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), ConnectorsTelemetry.Name, "connectors.performance.late_shipment_rate");

        // 1 late of 20 due is 5 %, beyond the default 4 %.
        for (var i = 0; i < 19; i++)
        {
            await Order($"ok-{i}", shipBy: Ago(24), confirmed: Ago(30));
        }

        await Order("late", shipBy: Ago(24));

        var first = await Performance.EvaluateAsync(Channel, Ct);
        var second = await Performance.EvaluateAsync(Channel, Ct);

        Assert.Contains(first.Breaches, b => b.Metric == SellerPerformanceMetric.LateShipmentRate && b.Window == TimeSpan.FromDays(7) && b.Value == 0.05 && b.Threshold == 0.04);
        Assert.Equal(first.Breaches.Count, second.Breaches.Count);
        var crossed = crossings.GetMeasurementSnapshot().Where(m => Equals(m.Tags[ConnectorsTelemetry.OutcomeTag], "crossed")).ToList();
        Assert.Equal(2, crossed.Count); // the 7- and the 30-day window, once each
        Assert.All(crossed, m => Assert.Equal("late_shipment_rate", m.Tags[ConnectorsTelemetry.MetricTag]));
        Assert.Equal(2, Logs.GetSnapshot().Count(r => r.Id.Id == 6000));
        Assert.Contains(rates.GetMeasurementSnapshot(), m => m.Value == 0.05 && Equals(m.Tags[ConnectorsTelemetry.WindowTag], "7d"));

        // Enough on-time orders bring it to 1 of 30 (3.3 %): back within, once per window.
        for (var i = 0; i < 10; i++)
        {
            await Order($"more-{i}", shipBy: Ago(24), confirmed: Ago(30));
        }

        var third = await Performance.EvaluateAsync(Channel, Ct);
        await Performance.EvaluateAsync(Channel, Ct);

        Assert.Empty(third.Breaches);
        Assert.Equal(2, crossings.GetMeasurementSnapshot().Count(m => Equals(m.Tags[ConnectorsTelemetry.OutcomeTag], "recovered")));
        Assert.Equal(2, Logs.GetSnapshot().Count(r => r.Id.Id == 6001));
        Assert.Equal(4, crossings.GetMeasurementSnapshot().Count);
    }

    [Fact]
    public async Task GetReport_RateExactlyAtTheThreshold_IsABreach()
    {
        // 1 late of 25 is exactly 4 %: the target is "under 4 %".
        for (var i = 0; i < 24; i++)
        {
            await Order($"ok-{i}", shipBy: Ago(24), confirmed: Ago(30));
        }

        await Order("late", shipBy: Ago(24), confirmed: Ago(1));

        var report = await Performance.GetReportAsync(Channel, Ct);

        Assert.Equal(0.04, report.Last7Days.LateShipmentRate);
        Assert.Contains(report.Breaches, b => b.Metric == SellerPerformanceMetric.LateShipmentRate && b.Window == TimeSpan.FromDays(7));
    }

    [Fact]
    public async Task EvaluateAsync_ChannelThresholdsAndMinimumSample_AreRespected()
    {
        using var services = Build(o =>
        {
            o.Thresholds.MinimumSample = 1;
            o.Channels["lenient"] = new SellerPerformanceThresholds { MaxCancellationRate = 0.6, MinimumSample = 1 };
            o.Channels["big-sample"] = new SellerPerformanceThresholds { MinimumSample = 5 };
        });
        var store = (IOrderTimelineStore)services.GetRequiredService<ISyncStateStore>();
        foreach (var channel in new[] { Channel, "lenient", "big-sample" })
        {
            await store.RecordOrderTimelineAsync(new OrderTimeline { Channel = channel, OrderId = "1", PlacedAt = Ago(5), CancelledAt = Ago(4) }, Ct);
            await store.RecordOrderTimelineAsync(new OrderTimeline { Channel = channel, OrderId = "2", PlacedAt = Ago(5), AcceptedAt = Ago(4) }, Ct);
        }

        var performance = services.GetRequiredService<ISellerPerformance>();

        Assert.Contains((await performance.EvaluateAsync(Channel, Ct)).Breaches, b => b.Metric == SellerPerformanceMetric.CancellationRate);
        Assert.Empty((await performance.EvaluateAsync("lenient", Ct)).Breaches);
        Assert.Empty((await performance.EvaluateAsync("big-sample", Ct)).Breaches);
    }

    [Fact]
    public async Task ListAtRisk_OpenOrdersWithinTheLeadOrLate_SoonestFirst()
    {
        await Order("due-in-6h", placed: Ago(20), shipBy: Now.AddHours(6), accepted: Ago(19));
        await Order("due-in-20h", shipBy: Now.AddHours(20));
        await Order("late-2h", shipBy: Ago(2));
        await Order("due-in-6h-confirmed", shipBy: Now.AddHours(6), confirmed: Ago(1));
        await Order("due-in-6h-cancelled", shipBy: Now.AddHours(6), cancelled: Ago(1));
        await Order("due-in-6h-refused", shipBy: Now.AddHours(6), refused: Ago(1));
        await Order("no-ship-by", placed: Ago(1));

        var atRisk = await Performance.ListAtRiskAsync(Channel, Ct).ToListAsync(Ct);
        var report = await Performance.GetReportAsync(Channel, Ct);

        Assert.Equal(["late-2h", "due-in-6h"], atRisk.Select(o => o.OrderId));
        Assert.True(atRisk[0].IsLate);
        Assert.Equal(TimeSpan.FromHours(-2), atRisk[0].TimeLeft);
        Assert.False(atRisk[1].IsLate);
        Assert.Equal(Ago(19), atRisk[1].AcceptedAt);
        Assert.Equal((2, 1), (report.OrdersAtRisk, report.OrdersOverdue));
    }

    [Fact]
    public async Task EvaluateAsync_OrderAtRiskThenLate_LoggedOnceEach()
    {
        await Order("1", shipBy: Now.AddHours(6));

        await Performance.EvaluateAsync(Channel, Ct);
        await Performance.EvaluateAsync(Channel, Ct);
        _time.Advance(TimeSpan.FromHours(7));
        await Performance.EvaluateAsync(Channel, Ct);
        await Performance.EvaluateAsync(Channel, Ct);

        var logs = Logs.GetSnapshot();
        Assert.Equal(1, logs.Count(r => r.Id.Id == 6002));
        Assert.Equal(1, logs.Count(r => r.Id.Id == 6003));
        Assert.Equal(LogLevel.Warning, logs.Single(r => r.Id.Id == 6003).Level);
    }

    [Fact]
    public async Task EvaluateAsync_OlderThanRetention_IsPruned()
    {
        await Order("old", placed: Now - TimeSpan.FromDays(100), shipBy: Now - TimeSpan.FromDays(99));
        await Order("recent", placed: Ago(1));

        await Performance.EvaluateAsync(Channel, Ct);

        var left = await _store.ListOrderTimelinesAsync(Channel, DateTimeOffset.MinValue, Ct).ToListAsync(Ct);
        Assert.Equal(["recent"], left.Select(o => o.OrderId));
    }

    [Fact]
    public void Options_OutOfRange_FailAtStartNamingTheSetting()
    {
        using var services = Build(o =>
        {
            o.AtRiskLead = TimeSpan.FromDays(-1);
            o.Thresholds.MaxLateShipmentRate = 4;
            o.Channels["x"] = new SellerPerformanceThresholds { MinimumSample = 0 };
        });

        var error = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => services.GetRequiredService<Microsoft.Extensions.Options.IOptions<SellerPerformanceOptions>>().Value);

        Assert.Contains(error.Failures, f => f.StartsWith("Connectors:SellerPerformance:AtRiskLead", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.StartsWith("Connectors:SellerPerformance:Thresholds:MaxLateShipmentRate", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.StartsWith("Connectors:SellerPerformance:Channels:x:MinimumSample", StringComparison.Ordinal));
    }

    private ServiceProvider Build(Action<SellerPerformanceOptions> configure, TimeProvider? time = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton(time ?? _time);
        services.AddSingleton<ISyncStateStore>(new InMemorySyncStateStore());
        services.AddConnectors().ConfigureSellerPerformance(configure);
        return services.BuildServiceProvider();
    }
}
