using Connectors.Testing;
using Microsoft.Extensions.DependencyInjection;
using Connectors.Testing.WooCommerce;

namespace Connectors.WooCommerce.Tests;

/// <summary>
/// A shipment is several writes (order note, then shipment meta and tracking meta): one of them fails, the engine retries
/// the way <c>FulfillmentSync</c> does (look with <see cref="WooCommerceChannel.ListFulfillmentsAsync"/>, create only when
/// the shipment is not listed), and the shop ends with every part exactly once.
/// </summary>
public sealed partial class WooCommerceChannelTests
{
    private const string ShipmentMarker = "[connectors:shipment:SHIP-1]";

    [Fact]
    public async Task CreateFulfillmentAsync_NoteFailsThenEngineRetries_OneNoteOneTrackingEntryListed()
    {
        var (notes, tracking, listed) = await ShipWithOneFailedWriteAsync(HttpMethod.Post, "/notes", loseAnswer: false);

        Assert.Single(notes, n => n.Contains(ShipmentMarker, StringComparison.Ordinal));
        Assert.Equal(1, CountOf("\"tracking_number\":\"JD0001\"", tracking));
        Assert.Equal("SHIP-1", Assert.Single(listed).IdempotencyKey);
    }

    [Fact]
    public async Task CreateFulfillmentAsync_NoteAnswerLostThenEngineRetries_NoteNotWrittenTwice()
    {
        var (notes, tracking, listed) = await ShipWithOneFailedWriteAsync(HttpMethod.Post, "/notes", loseAnswer: true);

        Assert.Single(notes, n => n.Contains(ShipmentMarker, StringComparison.Ordinal));
        Assert.Equal(1, CountOf("\"tracking_number\":\"JD0001\"", tracking));
        Assert.Equal("SHIP-1", Assert.Single(listed).IdempotencyKey);
    }

    [Fact]
    public async Task CreateFulfillmentAsync_MetaWriteFailsThenEngineRetries_NoteNotWrittenTwice()
    {
        var (notes, tracking, listed) = await ShipWithOneFailedWriteAsync(HttpMethod.Put, "/orders/", loseAnswer: false);

        Assert.Single(notes, n => n.Contains(ShipmentMarker, StringComparison.Ordinal));
        Assert.Equal(1, CountOf("\"tracking_number\":\"JD0001\"", tracking));
        Assert.Equal("SHIP-1", Assert.Single(listed).IdempotencyKey);
    }

    [Fact]
    public async Task CreateFulfillmentAsync_NoteFailed_ShipmentNotListedUntilComplete()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var shop = await WooCommerceEmulator.StartAsync(cancellationToken: ct);
        var order = shop.AddOrder("processing", [new()
        {
            ProductId = shop.AddSimpleProduct("A", 5),
            Quantity = 2,
            Price = 10m,
        }]);
        var line = shop.GetLineItemIds(order)[0];
        var fault = new WriteFault(HttpMethod.Post, "/notes", loseAnswer: false);
        await using var sp = ConnectWithFault(shop, fault);
        var channel = sp.Channel_();

        await Assert.ThrowsAnyAsync<ConnectorException>(() => channel.CreateFulfillmentAsync(new FulfillmentRequest($"{order}", [new($"{line}", 1)], "SHIP-1", "DHL"), ct));

        Assert.Empty(await channel.ListFulfillmentsAsync($"{order}", ct));
        Assert.Equal(1, fault.Failed);
    }

    [Fact]
    public async Task UpdateTrackingAsync_MetaWriteFailsThenRetried_OneTrackingNote()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var shop = await WooCommerceEmulator.StartAsync(cancellationToken: ct);
        var order = shop.AddOrder("processing", [new()
        {
            ProductId = shop.AddSimpleProduct("A", 5),
            Quantity = 2,
            Price = 10m,
        }]);
        var line = shop.GetLineItemIds(order)[0];
        var fault = new WriteFault(HttpMethod.Put, "/orders/", loseAnswer: false) { Armed = false };
        await using var sp = ConnectWithFault(shop, fault);
        var channel = sp.Channel_();
        var f = await channel.CreateFulfillmentAsync(new FulfillmentRequest($"{order}", [new($"{line}", 1)], "SHIP-1", "DHL", [new TrackingInfo("OLD1")]), ct);

        fault.Armed = true;
        await Assert.ThrowsAnyAsync<ConnectorException>(() => channel.UpdateTrackingAsync(f.FulfillmentId, [new TrackingInfo("NEW1", carrier: "DHL")], ct));
        await channel.UpdateTrackingAsync(f.FulfillmentId, [new TrackingInfo("NEW1", carrier: "DHL")], ct);

        Assert.Equal(1, fault.Failed);
        Assert.Single(shop.GetOrderNotes(order), n => n.Contains("[connectors:tracking:SHIP-1:NEW1]", StringComparison.Ordinal));
        Assert.Equal("NEW1", Assert.Single(Assert.Single(await channel.ListFulfillmentsAsync($"{order}", ct)).Tracking).Number);
    }

    [Fact]
    public async Task ListFulfillmentsAsync_AnswerCutOff_ThrowsTransientSoTheEngineRetries()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var shop = await WooCommerceEmulator.StartAsync(cancellationToken: ct);
        var order = shop.AddOrder("processing", [new()
        {
            ProductId = shop.AddSimpleProduct("A", 5),
            Quantity = 2,
            Price = 10m,
        }]);
        await using var sp = Connect(shop);
        shop.InjectFault(WooCommerceEmulatorFault.MalformedJson);

        var ex = await Assert.ThrowsAsync<ConnectorRequestFailedException>(() => sp.Channel_().ListFulfillmentsAsync($"{order}", ct));

        Assert.Equal("invalid_json", ex.ErrorCode);
        Assert.True(ex.IsTransient);
        Assert.Empty(await sp.Channel_().ListFulfillmentsAsync($"{order}", ct));
    }

    [Fact]
    public async Task ListFulfillmentsAsync_TypeDriftInShipmentMeta_StillReadsTheShipment()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var shop = await WooCommerceEmulator.StartAsync(cancellationToken: ct);
        var order = shop.AddOrder("processing", [new()
        {
            ProductId = shop.AddSimpleProduct("A", 5),
            Quantity = 2,
            Price = 10m,
        }]);
        var line = shop.GetLineItemIds(order)[0];
        await using var sp = Connect(shop);
        var channel = sp.Channel_();
        await channel.CreateFulfillmentAsync(new FulfillmentRequest($"{order}", [new($"{line}", 2)], "SHIP-1", "DHL"), ct);
        shop.InjectFault(WooCommerceEmulatorFault.TypeDrift);

        var listed = Assert.Single(await channel.ListFulfillmentsAsync($"{order}", ct));

        Assert.Equal("SHIP-1", listed.IdempotencyKey);
        Assert.Equal(2, Assert.Single(listed.Lines).Quantity);
    }

    private static async Task<(IReadOnlyList<string> Notes, string Tracking, IReadOnlyList<ChannelFulfillment> Listed)> ShipWithOneFailedWriteAsync(HttpMethod method, string pathPart, bool loseAnswer)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var shop = await WooCommerceEmulator.StartAsync(cancellationToken: ct);
        var order = shop.AddOrder("processing", [new()
        {
            ProductId = shop.AddSimpleProduct("A", 5),
            Quantity = 2,
            Price = 10m,
        }]);
        var line = shop.GetLineItemIds(order)[0];
        var fault = new WriteFault(method, pathPart, loseAnswer);
        await using var sp = ConnectWithFault(shop, fault);
        var channel = sp.Channel_();
        var request = new FulfillmentRequest($"{order}", [new($"{line}", 1)], "SHIP-1", "DHL", [new TrackingInfo("JD0001", new Uri("https://track.example/JD0001"))]);

        // First attempt: one of its writes fails.
        await Assert.ThrowsAnyAsync<ConnectorException>(() => channel.CreateFulfillmentAsync(request, ct));
        Assert.Equal(1, fault.Failed);

        // The engine's retries (FulfillmentSync.SendShipmentAsync, attempt > 1): look first, create only when not listed.
        for (var attempt = 2; attempt <= 3; attempt++)
        {
            var sent = await channel.ListFulfillmentsAsync($"{order}", ct);
            if (!sent.Any(s => s.IdempotencyKey == request.IdempotencyKey))
            {
                await channel.CreateFulfillmentAsync(request, ct);
            }
        }

        return (shop.GetOrderNotes(order), shop.GetOrderMeta(order, "_wc_shipment_tracking_items") ?? string.Empty, await channel.ListFulfillmentsAsync($"{order}", ct));
    }

    private static ServiceProvider ConnectWithFault(WooCommerceEmulator shop, WriteFault fault) =>
        TestHost.Build(
            o =>
            {
                o.BaseUrl = shop.BaseUrl;
                o.ConsumerKey = shop.ConsumerKey;
                o.ConsumerSecret = shop.ConsumerSecret;
            },
            more: s => s.ConfigureHttpClientDefaults(b => b.AddHttpMessageHandler(() => new WriteFaultHandler(fault))));

    private static int CountOf(string part, string text)
    {
        var count = 0;
        for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    /// <summary>Fails the first request of one method whose path contains a part: before sending, or after the shop processed it (answer lost).</summary>
    private sealed class WriteFault(HttpMethod method, string pathPart, bool loseAnswer)
    {
        private int _failed;

        public bool Armed { get; set; } = true;

        public int Failed => Volatile.Read(ref _failed);

        public HttpMethod Method => method;

        public string PathPart => pathPart;

        public bool LoseAnswer => loseAnswer;

        public bool Take(HttpRequestMessage request) =>
            Armed && request.Method == method && request.RequestUri!.AbsolutePath.Contains(pathPart, StringComparison.Ordinal) && Interlocked.CompareExchange(ref _failed, 1, 0) == 0;
    }

    private sealed class WriteFaultHandler(WriteFault fault) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (!fault.Take(request))
            {
                return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }

            if (fault.LoseAnswer)
            {
                using var answered = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
                throw new HttpRequestException("connection reset after the request was processed (injected)");
            }

            throw new HttpRequestException("connection reset before sending (injected)");
        }
    }
}
