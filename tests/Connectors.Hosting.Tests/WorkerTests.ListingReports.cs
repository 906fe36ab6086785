using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using Connectors.State;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Connectors.Hosting.Tests;

/// <summary>
/// Issue 20, the scheduled listing report: off by default; when on, each listing channel's report runs at start and
/// then once per interval on the host's clock, once across the hosts sharing a store, with its CSV export, its summary
/// log, its problem metric and, when told to, the opted-in listing actions.
/// </summary>
public partial class WorkerTests
{
    private static readonly DateTimeOffset ReportStart = new(2026, 12, 3, 6, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task ListingReportWorker_NotEnabled_NeverReadsListings()
    {
        var ct = TestContext.Current.CancellationToken;
        var setup = new ReportSetup();
        using var host = setup.Build(configure: null);
        await host.StartAsync(ct);

        // Let every worker run a pass or two on the fake clock; the listing report must not be among them.
        for (var i = 0; i < 10; i++)
        {
            setup.Time.Advance(TimeSpan.FromHours(1));
            await Task.Delay(10, ct);
        }

        await host.StopAsync(ct);
        Assert.Equal(0, setup.Channel.ListingsRead);
        Assert.Null(await setup.Store.GetCursorAsync("shop", "listing-report", ct));
    }

    [Fact]
    public async Task ListingReportWorker_Enabled_RunsAtStartThenOncePerInterval_CsvSummaryAndMetric()
    {
        var ct = TestContext.Current.CancellationToken;
        using var folder = new TempFolder();
        var setup = new ReportSetup();
        using var host = setup.Build(o =>
        {
            o.ListingReports.Enabled = true;
            o.ListingReports.Interval = TimeSpan.FromHours(6);
            o.ListingReports.ExportDirectory = folder.Path;
        });
        using var problems = new MetricCollector<long>(host.Services.GetRequiredService<IMeterFactory>(), "Connectors", "connectors.listings.problems");
        await host.StartAsync(ct);

        await TestHost.EventuallyAsync(() => Task.FromResult(Csvs(folder.Path).Length == 1), "the first report's CSV file at start");
        var first = Csvs(folder.Path).Single();
        var lines = await File.ReadAllLinesAsync(first, ct);

        // Five hours later nothing more; six hours after the first run, the second.
        setup.Time.Advance(TimeSpan.FromHours(5));
        await Task.Delay(100, ct);
        var filesBeforeDue = Csvs(folder.Path).Length;
        await TestHost.EventuallyAsync(
            () =>
            {
                setup.Time.Advance(TimeSpan.FromMinutes(10));
                return Task.FromResult(Csvs(folder.Path).Length == 2);
            },
            "the second report's CSV file one interval after the first");
        await host.StopAsync(ct);

        Assert.Equal(1, filesBeforeDue);
        Assert.Equal("listing-report-shop-20261203T060000Z.csv", Path.GetFileName(first));
        Assert.Empty(Directory.GetFiles(folder.Path, "*.partial"));
        Assert.StartsWith("channel,channel_item_id,", lines[0], StringComparison.Ordinal);
        Assert.Equal(4, lines.Length); // header, OLD, NEW, and the warehouse entry of LOST (stock, no listing)
        Assert.Contains(lines, l => l.StartsWith("shop,OLD,", StringComparison.Ordinal) && l.Contains("discontinued-active", StringComparison.Ordinal));
        var summary = setup.Logs.Entries.First(e => e.EventId.Id == 5009);
        Assert.Equal(LogLevel.Information, summary.Level);
        Assert.Contains("3 entries, 2 with problems", summary.Message, StringComparison.Ordinal);
        Assert.Contains("discontinued-active=1", summary.Message, StringComparison.Ordinal);
        Assert.Contains("stocked-not-listed=1", summary.Message, StringComparison.Ordinal);
        Assert.Contains(problems.GetMeasurementSnapshot(), m => Equals(m.Tags["connector.problem"], "discontinued-active") && m.Value == 1);
        Assert.Equal(4, setup.Channel.ListingsRead); // two runs over the two listings
    }

    [Fact]
    public async Task ListingReportWorker_ApplyActions_ZeroesDiscontinuedThroughInventory()
    {
        var ct = TestContext.Current.CancellationToken;
        var setup = new ReportSetup();
        using var host = setup.Build(
            o =>
            {
                o.ListingReports.Enabled = true;
                o.ListingReports.ApplyActions = true;
            },
            zeroDiscontinued: true);
        await host.StartAsync(ct);

        await TestHost.EventuallyAsync(
            async () => (await setup.Store.GetZeroedListingItemsAsync("shop", ct)).Contains("OLD"),
            "OLD in the stored zero list after the scheduled run applied the actions");
        await host.StopAsync(ct);

        Assert.Equal(["OLD"], await setup.Store.GetZeroedListingItemsAsync("shop", ct));
        Assert.Contains(setup.Logs.Entries, e => e.EventId.Id == 5009 && e.Message.Contains("actions applied: True, zeroed 1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ListingReportWorker_TwoHostsOneStore_RunHeldByOneHostIsSkippedByTheOther()
    {
        var ct = TestContext.Current.CancellationToken;
        var setup = new ReportSetup();
        var gate = new GatedListings(setup.Channel);
        setup.ListingChannel = gate;
        static void Enable(ConnectorsHostingOptions o)
        {
            o.ListingReports.Enabled = true;
            o.ListingReports.Interval = TimeSpan.FromHours(6);
        }

        using var hostA = setup.Build(Enable);
        await hostA.StartAsync(ct);
        await gate.Entered.WaitAsync(TimeSpan.FromSeconds(15), ct);

        // Host A holds the run (its listing read is parked); host B starts, looks, and must leave the channel alone.
        using var hostB = setup.Build(Enable);
        await hostB.StartAsync(ct);
        await TestHost.EventuallyAsync(() => Task.FromResult(setup.Logs.Entries.Any(e => e.EventId.Id == 5010)), "host B seeing the run held");
        var callsWhileHeld = gate.Calls;
        gate.Release();
        await TestHost.EventuallyAsync(() => Task.FromResult(setup.Logs.Entries.Any(e => e.EventId.Id == 5009)), "host A's run completing");

        // Both hosts go on; before the interval has passed neither runs again.
        setup.Time.Advance(TimeSpan.FromHours(1));
        await Task.Delay(200, ct);
        var callsBeforeDue = gate.Calls;
        await hostB.StopAsync(ct);
        await hostA.StopAsync(ct);

        Assert.Equal(1, callsWhileHeld);
        Assert.Equal(1, callsBeforeDue);
        Assert.Single(setup.Logs.Entries, e => e.EventId.Id == 5009);
    }

    /// <summary>
    /// A run that fails gives the lease back with the schedule unchanged (so it stays due, here or on another host), is
    /// reported against the channel in the health data, and is tried again by this host five minutes later, not at once.
    /// </summary>
    [Fact]
    public async Task ListingReportWorker_RunFails_LeaseGivenBackRetriedAfterFiveMinutes()
    {
        var ct = TestContext.Current.CancellationToken;
        var setup = new ReportSetup();
        var failing = new FailingListings(setup.Channel, failures: 1);
        setup.ListingChannel = failing;
        using var host = setup.Build(o => o.ListingReports.Enabled = true);
        await host.StartAsync(ct);

        await TestHost.EventuallyAsync(() => Task.FromResult(setup.Logs.Entries.Any(e => e.EventId.Id == 5001)), "the failed run logged against the channel");
        var cursorAfterFailure = (await setup.Store.GetCursorAsync("shop", "listing-report", ct))?.Value;
        setup.Time.Advance(TimeSpan.FromMinutes(4));
        await Task.Delay(200, ct);
        var callsBeforeRetry = failing.Calls;
        setup.Time.Advance(TimeSpan.FromMinutes(1));
        await TestHost.EventuallyAsync(() => Task.FromResult(setup.Logs.Entries.Any(e => e.EventId.Id == 5009)), "the retried run completing");
        await host.StopAsync(ct);

        Assert.Equal("||0", cursorAfterFailure); // never completed, no holder
        Assert.Equal(1, callsBeforeRetry);
        Assert.Equal(2, failing.Calls);
        Assert.Contains("listing-report", setup.Logs.Entries.First(e => e.EventId.Id == 5001).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListingReportWorker_IntervalOutOfRange_HostFailsAtStartNamingTheSetting()
    {
        var setup = new ReportSetup();
        using var host = setup.Build(o =>
        {
            o.ListingReports.Enabled = true;
            o.ListingReports.Interval = TimeSpan.FromSeconds(30);
        });

        var error = await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains("Connectors:Hosting:ListingReports:Interval is 00:00:30 but must be between 00:01:00 and 30.00:00:00", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListingReportWorker_BoundFromConfiguration_SectionTurnsItOn()
    {
        var ct = TestContext.Current.CancellationToken;
        using var folder = new TempFolder();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Connectors:Hosting:PollOrders"] = "false",
            ["Connectors:Hosting:FullSyncOnStart"] = "false",
            ["Connectors:Hosting:ListingReports:Enabled"] = "true",
            ["Connectors:Hosting:ListingReports:Interval"] = "02:00:00",
            ["Connectors:Hosting:ListingReports:ExportDirectory"] = folder.Path,
        }).Build();
        var setup = new ReportSetup();
        using var host = setup.Build(configure: null, configuration: configuration.GetSection("Connectors:Hosting"));
        await host.StartAsync(ct);

        await TestHost.EventuallyAsync(() => Task.FromResult(Csvs(folder.Path).Length == 1), "the report's CSV file from the bound settings");
        await host.StopAsync(ct);
    }

    /// <summary>The CSV files in a folder the worker creates itself (none while it does not exist yet).</summary>
    private static string[] Csvs(string folder) => Directory.Exists(folder) ? Directory.GetFiles(folder, "*.csv") : [];

    /// <summary>
    /// One channel with three listings' worth of problems (a discontinued item listed and active, a current one listed,
    /// a stocked item with no listing), an in-memory store shared by every host built from it, and the fake clock.
    /// </summary>
    private sealed class ReportSetup
    {
        public ReportSetup()
        {
            Warehouse.SetStock([new StockLevel("OLD", "wh1", 5), new StockLevel("NEW", "wh1", 3), new StockLevel("LOST", "wh1", 2)]);
            Warehouse.SetDiscontinued(true, "OLD");
            Channel.PutListing(new ChannelListing { ChannelItemId = "OLD", Sku = "OLD", Status = ListingStatus.Active, Title = "Old" });
            Channel.PutListing(new ChannelListing { ChannelItemId = "NEW", Sku = "NEW", Status = ListingStatus.Active, Title = "New" });
        }

        public FakeTimeProvider Time { get; } = new(ReportStart);

        public FakeChannel Channel { get; } = new("shop");

        public IChannel? ListingChannel { get; set; }

        public FakeWarehouse Warehouse { get; } = new();

        public InMemorySyncStateStore Store { get; } = new();

        public RecordingLoggerProvider Logs { get; } = new();

        public IHost Build(Action<ConnectorsHostingOptions>? configure, bool zeroDiscontinued = false, IConfiguration? configuration = null)
        {
            var builder = Host.CreateApplicationBuilder();
            builder.Logging.ClearProviders();
            builder.Logging.AddProvider(Logs).SetMinimumLevel(LogLevel.Debug);
            builder.Services.AddSingleton<TimeProvider>(Time);
            builder.Services.AddSingleton<ISyncStateStore>(Store);
            builder.Services.AddSingleton<IWarehouseInventory>(Warehouse);
            builder.Services.AddSingleton<IWarehouseItemCatalog>(Warehouse);
            builder.Services.AddSingleton<IWarehouseOrders>(Warehouse);
            builder.Services.AddSingleton<IWarehouseReturns>(Warehouse);
            var channel = ListingChannel ?? Channel;
            var connectors = builder.Services.AddConnectors()
                .AddChannel("shop", "fake", _ => channel)
                .ConfigureListingHealth(o => o.Channels["shop"] = new ListingActionOptions { ZeroDiscontinued = zeroDiscontinued });
            if (configuration is not null)
            {
                connectors.AddHosting(configuration);
            }
            else
            {
                connectors.AddHosting(o =>
                {
                    o.PollOrders = false;
                    o.FullSyncOnStart = false;
                    o.ReconciliationInterval = null;
                    configure?.Invoke(o);
                });
            }

            return builder.Build();
        }
    }

    /// <summary>The fake channel's listings behind a gate: the first read waits until released, so a run stays held.</summary>
    private sealed class GatedListings(FakeChannel inner) : IListingChannel
    {
        private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly SemaphoreSlim _entered = new(0);
        private int _calls;

        public string Name => inner.Name;

        public string Platform => inner.Platform;

        public ChannelCapabilities Capabilities => inner.Capabilities;

        public int Calls => Volatile.Read(ref _calls);

        public Task Entered => _entered.WaitAsync();

        public void Release() => _release.TrySetResult();

        public async IAsyncEnumerable<ChannelListing> ListListingsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _calls);
            _entered.Release();
            await _release.Task.WaitAsync(cancellationToken);
            await foreach (var listing in inner.ListListingsAsync(cancellationToken))
            {
                yield return listing;
            }
        }
    }

    /// <summary>The fake channel's listings, failing as a platform outage would on the first calls.</summary>
    private sealed class FailingListings(FakeChannel inner, int failures) : IListingChannel
    {
        private int _calls;

        public string Name => inner.Name;

        public string Platform => inner.Platform;

        public ChannelCapabilities Capabilities => inner.Capabilities;

        public int Calls => Volatile.Read(ref _calls);

        public async IAsyncEnumerable<ChannelListing> ListListingsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            if (Interlocked.Increment(ref _calls) <= failures)
            {
                throw new ConnectorRequestFailedException("fake", "Service unavailable", 503);
            }

            await foreach (var listing in inner.ListListingsAsync(cancellationToken))
            {
                yield return listing;
            }
        }
    }

    private sealed class TempFolder : IDisposable
    {
        public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "connectors-listing-reports", Guid.NewGuid().ToString("N"));

        public void Dispose()
        {
            if (Directory.Exists(Path))
            {
                Directory.Delete(Path, recursive: true);
            }
        }
    }
}
