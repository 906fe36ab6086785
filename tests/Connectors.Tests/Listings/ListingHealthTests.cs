using Connectors.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Options;

namespace Connectors.Tests.Listings;

/// <summary>Issue 20, listing health: the report's problem kinds, its metric, the opt-in actions and their defaults.</summary>
public sealed partial class ListingHealthTests : IDisposable
{
    private const string Channel = "shop";
    private readonly FakeChannel _channel = new(Channel);
    private readonly FakeWarehouse _warehouse = new();
    private readonly FakeItemResolver _resolver = new() { FallBackToIdentity = true };
    private readonly ServiceProvider _services;

    public ListingHealthTests()
        : this(_ => { })
    {
    }

    private ListingHealthTests(Action<ListingHealthOptions> configure)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IWarehouseInventory>(_warehouse);
        services.AddSingleton<IWarehouseItemCatalog>(_warehouse);
        services.AddSingleton<IItemResolver>(_resolver);
        services.AddConnectors().AddChannel(Channel, "fake", _ => _channel).ConfigureListingHealth(configure);
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private IListingHealth Health => _services.GetRequiredService<IListingHealth>();

    public void Dispose() => _services.Dispose();

    private static ListingHealthTests With(Action<ListingActionOptions> configure) =>
        new(o =>
        {
            var actions = new ListingActionOptions();
            configure(actions);
            o.Channels[Channel] = actions;
        });

    private void List(string itemId, string? sku, ListingStatus status = ListingStatus.Active) =>
        _channel.PutListing(new ChannelListing { ChannelItemId = itemId, Sku = sku, Status = status, Title = "Item " + itemId });

    private void Stock(string sku, decimal onHand, decimal reserved = 0m) => _warehouse.SetStock(new StockLevel(sku, "wh1", onHand, reserved));

    private async Task<List<ListingReportEntry>> ReportAsync()
    {
        var entries = new List<ListingReportEntry>();
        await foreach (var entry in Health.GetReportAsync(Channel, Ct))
        {
            entries.Add(entry);
        }

        return entries;
    }

    private static ListingReportEntry For(List<ListingReportEntry> report, string itemId) =>
        Assert.Single(report, e => e.Listing?.ChannelItemId == itemId);

    [Fact]
    public async Task GetReport_ListingWithoutSku_NoSku()
    {
        Stock("A", 5);
        List("A", "A");
        List("blank", "  ");
        List("none", null);

        var report = await ReportAsync();

        Assert.Equal(ListingProblems.None, For(report, "A").Problems);
        Assert.Equal(ListingProblems.NoSku, For(report, "blank").Problems);
        Assert.Equal(ListingProblems.NoSku, For(report, "none").Problems);
        Assert.Empty(For(report, "none").WarehouseSkus);
    }

    [Fact]
    public async Task GetReport_SkuListedTwice_LaterOneDuplicateNamingTheFirst()
    {
        Stock("A", 5);
        List("v1", "A");
        List("v2", "A", ListingStatus.Inactive);
        List("v3", "A");

        var report = await ReportAsync();

        Assert.Equal(ListingProblems.None, For(report, "v1").Problems);
        Assert.Equal((ListingProblems.DuplicateSku, "v1"), (For(report, "v2").Problems, For(report, "v2").DuplicateOf));
        Assert.Equal((ListingProblems.DuplicateSku, "v1"), (For(report, "v3").Problems, For(report, "v3").DuplicateOf));
        Assert.Equal(["A"], For(report, "v3").WarehouseSkus);
    }

    [Fact]
    public async Task GetReport_SkuTheWmsDoesNotKnow_UnknownSku()
    {
        _warehouse.AddItems("ZERO-STOCK");
        List("x", "NOT-IN-WMS");
        List("zero", "ZERO-STOCK");

        var report = await ReportAsync();

        Assert.Equal(ListingProblems.UnknownSku, For(report, "x").Problems);
        Assert.Empty(For(report, "x").WarehouseSkus);
        Assert.Equal(ListingProblems.None, For(report, "zero").Problems);
        Assert.Equal(0m, For(report, "zero").WarehouseAvailable);
    }

    [Fact]
    public async Task GetReport_MappedBundle_MatchedToItsComponentsNotUnknown()
    {
        Stock("A", 10);
        Stock("B", 3);
        _resolver.Add(Channel, "bundle-1", ("A", 2m), ("B", 1m));
        List("bundle-1", "BUNDLE-AB");

        var entry = For(await ReportAsync(), "bundle-1");

        Assert.Equal(ListingProblems.None, entry.Problems);
        Assert.Equal(["A", "B"], entry.WarehouseSkus);
        Assert.Equal(3m, entry.WarehouseAvailable);
    }

    [Fact]
    public async Task GetReport_StockWithoutActiveListing_WarehouseEntry()
    {
        Stock("LISTED", 5);
        Stock("INACTIVE-ONLY", 5);
        Stock("UNLISTED", 2);
        Stock("ALL-RESERVED", 4, reserved: 4);
        Stock("OLD", 7);
        _warehouse.SetDiscontinued(true, "OLD");
        List("LISTED", "LISTED");
        List("INACTIVE-ONLY", "INACTIVE-ONLY", ListingStatus.Inactive);

        var report = await ReportAsync();

        var warehouseOnly = report.Where(e => e.Listing is null).ToList();
        Assert.Equal(["INACTIVE-ONLY", "UNLISTED"], warehouseOnly.SelectMany(e => e.WarehouseSkus).Order(StringComparer.Ordinal));
        Assert.All(warehouseOnly, e => Assert.Equal(ListingProblems.StockedNotListed, e.Problems));
        Assert.Equal(2m, Assert.Single(warehouseOnly, e => e.WarehouseSkus[0] == "UNLISTED").WarehouseAvailable);
        Assert.Equal(report.Count - 2, report.FindLastIndex(e => e.Listing is not null) + 1);
    }

    [Fact]
    public async Task GetReport_ActiveListingOfDiscontinuedItem_DiscontinuedActive()
    {
        Stock("OLD", 3);
        _warehouse.SetDiscontinued(true, "OLD");
        List("old-active", "OLD");
        List("old-inactive", "OLD-2", ListingStatus.Inactive);
        _warehouse.SetDiscontinued(true, "OLD-2");

        var report = await ReportAsync();

        Assert.Equal(ListingProblems.DiscontinuedActive, For(report, "old-active").Problems);
        Assert.True(For(report, "old-active").Discontinued);
        Assert.Equal(ListingProblems.None, For(report, "old-inactive").Problems);
        Assert.True(For(report, "old-inactive").Discontinued);
    }

    [Fact]
    public async Task GetReport_ReadToTheEnd_GaugePerProblemKind()
    {
        using var problems = new MetricCollector<long>(_services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), ConnectorsTelemetry.Name, "connectors.listings.problems");
        Stock("A", 1);
        Stock("OLD", 1);
        _warehouse.SetDiscontinued(true, "OLD");
        List("a", "A");
        List("a2", "A");
        List("n", null);
        List("u", "U1");
        List("u2", "U2");
        List("old", "OLD");
        Stock("LONELY", 1);

        _ = await ReportAsync();

        var byKind = problems.GetMeasurementSnapshot()
            .Where(m => (string?)m.Tags[ConnectorsTelemetry.ChannelTag] == Channel)
            .ToDictionary(m => (string)m.Tags[ConnectorsTelemetry.ProblemTag]!, m => m.Value);
        Assert.Equal(
            new Dictionary<string, long> { ["no-sku"] = 1, ["duplicate-sku"] = 1, ["unknown-sku"] = 2, ["stocked-not-listed"] = 1, ["discontinued-active"] = 1 },
            byKind);
    }

    [Fact]
    public async Task GetReport_StoppedEarly_NoGauge()
    {
        using var problems = new MetricCollector<long>(_services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), ConnectorsTelemetry.Name, "connectors.listings.problems");
        List("n1", null);
        List("n2", null);

        await foreach (var _ in Health.GetReportAsync(Channel, Ct))
        {
            break;
        }

        Assert.Empty(problems.GetMeasurementSnapshot());
    }

    [Fact]
    public async Task GetReport_ChannelWithoutListingPort_RefusedNamingThePort()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IWarehouseInventory>(_warehouse);
        services.AddConnectors().AddChannel("plain", "fake", _ => new InventoryOnlyChannel());
        await using var provider = services.BuildServiceProvider();

        var error = await Assert.ThrowsAsync<ConnectorException>(async () =>
        {
            await foreach (var _ in provider.GetRequiredService<IListingHealth>().GetReportAsync("plain", Ct))
            {
            }
        });

        Assert.Contains(nameof(IListingChannel), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetReport_NoWarehousePort_RefusedNamingThePorts()
    {
        var services = new ServiceCollection();
        services.AddConnectors().AddChannel(Channel, "fake", _ => _channel);
        await using var provider = services.BuildServiceProvider();
        List("a", "A");

        var error = await Assert.ThrowsAsync<ConnectorException>(async () =>
        {
            await foreach (var _ in provider.GetRequiredService<IListingHealth>().GetReportAsync(Channel, Ct))
            {
            }
        });

        Assert.Contains(nameof(IWarehouseItemCatalog), error.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(IWarehouseInventory), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_UnknownChannel_FailsAtStartNamingTheSetting()
    {
        var services = new ServiceCollection();
        services.AddConnectors().AddChannel(Channel, "fake", _ => _channel).ConfigureListingHealth(o => o.Channels["nope"] = new ListingActionOptions { ZeroDiscontinued = true });
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<ListingHealthOptions>>().Value);

        Assert.Contains("Connectors:Listings:Channels:nope names no registered channel", error.Message, StringComparison.Ordinal);
    }

    private sealed class InventoryOnlyChannel : IChannel
    {
        public string Name => "plain";

        public string Platform => "fake";

        public ChannelCapabilities Capabilities { get; } = new(100, false, false, false, false, false);
    }
}
