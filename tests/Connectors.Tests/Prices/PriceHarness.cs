using System.Diagnostics.Metrics;
using Connectors.State;
using Connectors.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Connectors.Tests.Prices;

/// <summary>A price engine composed through AddConnectors over fake channels, an in-memory store and a fake clock.</summary>
internal sealed class PriceHarness : IDisposable
{
    private readonly ServiceProvider _provider;

    private PriceHarness(ServiceProvider provider, InMemorySyncStateStore store, FakeTimeProvider time, IReadOnlyList<FakeChannel> channels)
    {
        _provider = provider;
        Store = store;
        Time = time;
        Channels = channels;
    }

    public InMemorySyncStateStore Store { get; }

    public FakeTimeProvider Time { get; }

    public IReadOnlyList<FakeChannel> Channels { get; }

    public FakeChannel A => Channels[0];

    public IPriceSync Sync => _provider.GetRequiredService<IPriceSync>();

    public IPriceHolds Holds => _provider.GetRequiredService<IPriceHolds>();

    public IConnectorEvents Events => _provider.GetRequiredService<IConnectorEvents>();

    public IServiceProvider Services => _provider;

    public static CancellationToken Token => TestContext.Current.CancellationToken;

    public static PriceHarness Create(
        Action<ConnectorsOptions>? configure = null,
        IItemResolver? resolver = null,
        IPriceCalculator? calculator = null,
        ISyncStateStore? storeOverride = null,
        params FakeChannel[] channels)
    {
        var store = new InMemorySyncStateStore();
        var time = new FakeTimeProvider(ModelFactory.Epoch);
        if (channels.Length == 0)
        {
            channels = [new FakeChannel("store-a")];
        }

        var services = new ServiceCollection();
        services.AddSingleton(storeOverride ?? store);
        services.AddSingleton<TimeProvider>(time);
        if (resolver is not null)
        {
            services.AddSingleton(resolver);
        }

        if (calculator is not null)
        {
            services.AddSingleton(calculator);
        }

        var builder = services.AddConnectors(o =>
        {
            o.RetryBaseDelay = TimeSpan.FromSeconds(1);
            o.RetryMaxDelay = TimeSpan.FromSeconds(10);
            configure?.Invoke(o);
        });
        foreach (var channel in channels)
        {
            builder.AddChannel(channel.Name, "fake", _ => channel);
        }

        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        return new PriceHarness(provider, store, time, channels);
    }

    public static BasePrice Price(string sku, decimal amount, string currency = "EUR", decimal? cost = null) =>
        new() { Sku = sku, Price = new Money(amount, currency), Cost = cost is { } c ? new Money(c, currency) : null };

    public MetricCollector<long> Collect(string instrument) =>
        new(_provider.GetRequiredService<IMeterFactory>(), ConnectorsTelemetry.Name, instrument);

    public Task PublishAsync(params BasePrice[] prices) => Sync.RecordPricesAsync(prices, Token);

    public Task<PriceDispatchResult> DispatchAsync(FakeChannel? channel = null) => Sync.DispatchAsync((channel ?? A).Name, Token);

    public async Task<PriceRow?> RowAsync(string item, string currency = "EUR", FakeChannel? channel = null) =>
        (await Store.GetPricesAsync([new PriceKey((channel ?? A).Name, item, currency)], Token)).SingleOrDefault();

    public void Dispose() => _provider.Dispose();
}
