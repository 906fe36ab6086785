using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using Connectors.Testing.Shopify;
using CsCheck;
using Microsoft.Extensions.DependencyInjection;
using Connectors.Testing.WooCommerce;

namespace Connectors.Reliability.Tests.Fuzzing;

/// <summary>
/// Scenario 2 (responses): the connectors' response parsing (JSON DTOs to the canonical model) through their public
/// channel ports. The emulators' real answers are recorded first; then every answer is replaced by a mutation of the
/// recorded ones (or random JSON), served as HTTP 200 below the clients. The only exception allowed is the typed one.
/// </summary>
public sealed class ResponseParserFuzzTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ChannelPorts_ShopifyMutatedResponses_OnlyTypedErrors()
    {
        await using var shop = await ShopifyEmulator.StartAsync(cancellationToken: Ct);
        var location = shop.AddLocation("Main");
        var variant = shop.AddVariant("SKU-1", 5, location);
        var order = await shop.CreateOrderAsync([new ShopifyEmulatorLine
        {
            Sku = "SKU-1",
            Quantity = 2,
            UnitPrice = 10m,
        }], "EUR", Ct);
        var replay = new Replay();
        var services = new ServiceCollection();
        services.AddConnectors().AddShopify("fz", o =>
        {
            o.BaseAddress = shop.BaseAddress;
            o.AccessToken = shop.Options.AccessToken;
            o.DefaultLocationId = location;
            o.ThrottleWaitBudget = TimeSpan.Zero;
        });
        services.ConfigureHttpClientDefaults(b => b.ConfigurePrimaryHttpMessageHandler(replay.CreateHandler));
        await using var provider = services.BuildServiceProvider();
        var registry = provider.GetRequiredService<IChannelRegistry>();
        Assert.True(registry.TryGetPort<IOrderChannel>("fz", out var orders));
        Assert.True(registry.TryGetPort<IFulfillmentChannel>("fz", out var fulfillment));
        Assert.True(registry.TryGetPort<IInventoryChannel>("fz", out var inventory));
        Assert.True(registry.TryGetPort<ICatalogChannel>("fz", out var catalog));
        await RunAsync("shopify", replay,
        [
            ("GetOrder", () => orders.GetOrderAsync(order, Ct)),
            ("ListOrders", () => orders.ListOrdersAsync(DateTimeOffset.UnixEpoch, Ct).ToListAsync(Ct).AsTask()),
            ("ListFulfillments", () => fulfillment.ListFulfillmentsAsync(order, Ct)),
            ("Push", () => inventory.PushInventoryAsync([new InventoryTarget(variant.InventoryItemId, location, 3)], Ct)),
            ("ReadInventory", () => inventory.ReadInventoryAsync(null, Ct).ToListAsync(Ct).AsTask()),
            ("ListItems", () => catalog.ListItemsAsync(Ct).ToListAsync(Ct).AsTask()),
        ]);
    }

    [Fact]
    public async Task ChannelPorts_WooCommerceMutatedResponses_OnlyTypedErrors()
    {
        await using var shop = await WooCommerceEmulator.StartAsync(cancellationToken: Ct);
        var product = shop.AddSimpleProduct("SKU-1", 5, 10m);
        var order = shop.AddOrder("processing", [new WooCommerceEmulatorLine
        {
            ProductId = product,
            Quantity = 2,
            Price = 10m,
        }]).ToString(CultureInfo.InvariantCulture);
        var replay = new Replay();
        var services = new ServiceCollection();
        services.AddConnectors().AddWooCommerce("fz", o =>
        {
            o.BaseUrl = shop.BaseUrl;
            o.ConsumerKey = shop.ConsumerKey;
            o.ConsumerSecret = shop.ConsumerSecret;
            o.MaxRetries = 0;
        });
        services.ConfigureHttpClientDefaults(b => b.ConfigurePrimaryHttpMessageHandler(replay.CreateHandler));
        await using var provider = services.BuildServiceProvider();
        var registry = provider.GetRequiredService<IChannelRegistry>();
        Assert.True(registry.TryGetPort<IOrderChannel>("fz", out var orders));
        Assert.True(registry.TryGetPort<IFulfillmentChannel>("fz", out var fulfillment));
        Assert.True(registry.TryGetPort<IInventoryChannel>("fz", out var inventory));
        Assert.True(registry.TryGetPort<ICatalogChannel>("fz", out var catalog));
        Assert.True(registry.TryGetPort<IReturnChannel>("fz", out var returns));
        var item = product.ToString(CultureInfo.InvariantCulture);
        await RunAsync("woocommerce", replay,
        [
            ("GetOrder", () => orders.GetOrderAsync(order, Ct)),
            ("ListOrders", () => orders.ListOrdersAsync(DateTimeOffset.UnixEpoch, Ct).ToListAsync(Ct).AsTask()),
            ("ListFulfillments", () => fulfillment.ListFulfillmentsAsync(order, Ct)),
            ("Push", () => inventory.PushInventoryAsync([new InventoryTarget(item, InventoryTarget.DefaultLocation, 3)], Ct)),
            ("ReadInventory", () => inventory.ReadInventoryAsync([item], Ct).ToListAsync(Ct).AsTask()),
            ("ListItems", () => catalog.ListItemsAsync(Ct).ToListAsync(Ct).AsTask()),
            ("ListReturns", () => returns.ListReturnRequestsAsync(DateTimeOffset.UnixEpoch, Ct).ToListAsync(Ct).AsTask()),
        ]);
    }

    private static async Task RunAsync(string target, Replay replay, IReadOnlyList<(string Name, Func<Task> Call)> operations)
    {
        // 1. Record: every operation once against the emulator; its answers are the seeds.
        var seeds = new List<(int Operation, string Body)>();
        for (var i = 0; i < operations.Count; i++)
        {
            replay.Recorded.Clear();
            await operations[i].Call();
            seeds.AddRange(replay.Recorded.Where(b => b.TrimStart().StartsWith('{') || b.TrimStart().StartsWith('[')).Select(b => (i, b)));
        }

        Assert.NotEmpty(seeds);

        // 2. Fuzz: every answer is a mutation of a recorded one.
        long inputs = 0, typed = 0;
        replay.Fuzzing = true;
        JsonMutator.Inputs([.. seeds.Select(s => s.Body)]).Sample(
            input =>
            {
                Interlocked.Increment(ref inputs);
                replay.Body = input.Text;
                try
                {
                    operations[seeds[input.Seed].Operation].Call().GetAwaiter().GetResult();
                }
                catch (ConnectorException)
                {
                    Interlocked.Increment(ref typed);
                }
            },
            time: JsonMutator.Seconds,
            threads: 1,
            print: input => $"{operations[seeds[input.Seed].Operation].Name}: {input.Text}");
        TestContext.Current.TestOutputHelper!.WriteLine(
            $"{target} responses: {seeds.Count} recorded answers of {operations.Count} operations, {inputs} mutated answers in {JsonMutator.Seconds} s, {typed} rejected with a typed error, {inputs - typed} read, 0 other exceptions");
    }

    /// <summary>Below the clients: passes through and records, or answers every request with <see cref="Body"/>.</summary>
    private sealed class Replay
    {
        public ConcurrentQueue<string> Recorded { get; } = new();

        public volatile bool Fuzzing;

        public volatile string Body = "{}";

        public HttpMessageHandler CreateHandler() => new Handler(this) { InnerHandler = new SocketsHttpHandler() };

        private sealed class Handler(Replay replay) : DelegatingHandler
        {
            protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                if (replay.Fuzzing)
                {
                    return new HttpResponseMessage(HttpStatusCode.OK)
                    {
                        RequestMessage = request,
                        Content = new StringContent(replay.Body, Encoding.UTF8, "application/json"),
                    };
                }

                var response = await base.SendAsync(request, cancellationToken);
                replay.Recorded.Enqueue(await response.Content.ReadAsStringAsync(cancellationToken));
                return response;
            }
        }
    }
}
