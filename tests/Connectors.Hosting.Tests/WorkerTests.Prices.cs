using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Connectors.Hosting.Tests;

/// <summary>
/// The price worker: pushes what the engine stores for every price channel, a failing channel costing the others
/// nothing, and reprices when a sale boundary arrives on the host's (fake) clock.
/// </summary>
public partial class WorkerTests
{
    private static readonly DateTimeOffset PriceStart = new(2026, 12, 3, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task PriceWorker_SaleBoundaryArrives_RepricedAtTheBoundaryAndPushed()
    {
        var ct = TestContext.Current.CancellationToken;
        var time = new FakeTimeProvider(PriceStart);
        var boundary = PriceStart.AddHours(5);
        var calculator = new BoundaryCalculator(boundary);
        var shop = new FakeChannel("shop") { SupportsSaleSchedule = false };
        var logs = new RecordingLoggerProvider();
        using var host = PriceHost(time, calculator, logs, shop);
        await host.StartAsync(ct);
        // The reprice at start is done (so the clock moved below is not read by it), then base prices arrive.
        await TestHost.EventuallyAsync(() => Task.FromResult(logs.Entries.Any(e => e.EventId.Id == 5008)), "the reprice at start");
        var prices = host.Services.GetRequiredService<IPriceSync>();

        await prices.RecordPricesAsync([new BasePrice { Sku = "A", Price = new Money(10m, "EUR") }], ct);
        await TestHost.EventuallyAsync(() => Task.FromResult(shop.GetPrice("A", "EUR")?.Amount.Amount == 10m), "the regular price pushed");
        Assert.Equal(boundary, host.Services.GetRequiredService<WorkSignals>().NextPriceChangeAt);

        time.Advance(boundary - PriceStart - TimeSpan.FromSeconds(1));
        await Task.Delay(100, ct); // nothing is due yet: the worker must not reprice early
        Assert.DoesNotContain(calculator.Calls, at => at > PriceStart);
        time.Advance(TimeSpan.FromSeconds(1));

        await TestHost.EventuallyAsync(() => Task.FromResult(shop.GetPrice("A", "EUR")?.Amount.Amount == 8m), "the sale price pushed at the boundary");
        Assert.Contains(boundary, calculator.Calls); // computed at the boundary itself, not at a later poll
        Assert.Null(host.Services.GetRequiredService<WorkSignals>().NextPriceChangeAt);
        await host.StopAsync(ct);
    }

    [Fact]
    public async Task PriceWorker_OneChannelFailsEveryPush_OtherChannelPushed_HealthNamesTheFailingOne()
    {
        var ct = TestContext.Current.CancellationToken;
        var time = new FakeTimeProvider(PriceStart);
        var down = new FakeChannel("shop-down");
        down.FailNextPricePushes(int.MaxValue);
        var shop = new FakeChannel("shop");
        using var host = PriceHost(time, calculator: null, logs: null, down, shop);
        await host.StartAsync(ct);

        await host.Services.GetRequiredService<IPriceSync>().RecordPricesAsync([new BasePrice { Sku = "A", Price = new Money(10m, "EUR") }], ct);

        await TestHost.EventuallyAsync(() => Task.FromResult(shop.GetPrice("A", "EUR") is not null), "shop's price pushed while shop-down fails");
        var health = host.Services.GetRequiredService<HealthCheckService>();
        await TestHost.EventuallyAsync(
            async () => (await health.CheckHealthAsync(ct)).Entries["connectors"].Description?.Contains("shop-down: prices failed", StringComparison.Ordinal) == true,
            "health naming shop-down's failed price pushes");
        Assert.Null(down.GetPrice("A", "EUR"));
        await host.StopAsync(ct);
    }

    private static IHost PriceHost(FakeTimeProvider time, IPriceCalculator? calculator, RecordingLoggerProvider? logs, params FakeChannel[] channels)
    {
        var warehouse = new FakeWarehouse();
        var builder = Host.CreateApplicationBuilder();
        if (logs is not null)
        {
            builder.Logging.AddProvider(logs);
        }

        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Services.AddSingleton<IWarehouseInventory>(warehouse);
        builder.Services.AddSingleton<IWarehouseOrders>(warehouse);
        builder.Services.AddSingleton<IWarehouseReturns>(warehouse);
        var connectors = builder.Services.AddConnectors();
        foreach (var channel in channels)
        {
            connectors.AddChannel(channel.Name, "fake", _ => channel);
        }

        connectors.AddHosting(o =>
        {
            o.PollOrders = false;
            o.FullSyncOnStart = false;
            o.ReconciliationInterval = null;
        });
        if (calculator is not null)
        {
            builder.Services.AddSingleton(calculator);
        }

        return builder.Build();
    }

    /// <summary>A rule with one sale boundary: the base price before it, 20 % off from it (a change the 50 % hold lets through).</summary>
    private sealed class BoundaryCalculator(DateTimeOffset boundary) : IPriceCalculator
    {
        private readonly ConcurrentQueue<DateTimeOffset> _calls = new();

        public IReadOnlyCollection<DateTimeOffset> Calls => [.. _calls];

        public ValueTask<PriceCalculation> CalculateAsync(PriceCalculationRequest request, CancellationToken cancellationToken = default)
        {
            _calls.Enqueue(request.Now);
            var prices = request.BasePrices.Select(p => new CalculatedPrice
            {
                Price = new ChannelPrice { Amount = request.Now < boundary ? p.Price : new Money(p.Price.Amount * 0.8m, p.Price.Currency) },
            }).ToList();
            return ValueTask.FromResult(new PriceCalculation { Prices = prices, ChangesAt = request.Now < boundary ? boundary : null });
        }
    }
}
