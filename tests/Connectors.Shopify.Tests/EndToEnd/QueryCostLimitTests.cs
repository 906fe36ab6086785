using System.Text.Json;
using Connectors.Shopify.Internal;
using Connectors.Shopify.Internal.Json;
using Connectors.Shopify.Tests.Internal;
using Connectors.Testing.Shopify;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace Connectors.Shopify.Tests.EndToEnd;

/// <summary>
/// Shopify's cost limits against a server that computes cost by itself: the 1,000-point single-query cap
/// (MAX_COST_EXCEEDED), the bucket the shop reports, and a server whose figures differ from the client's estimate.
/// </summary>
public sealed class QueryCostLimitTests
{
    /// <summary>Shopify's answer to a query above the single-query cap: extensions.cost and maxCost are numbers.</summary>
    private const string MaxCostExceededBody = """
        {"errors":[{"message":"Query cost is 1502, which exceeds the single query max cost limit (1000).\n\nSee https://shopify.dev/concepts/about-apis/rate-limits for more information on how the\ncost of a query is calculated.\n","extensions":{"code":"MAX_COST_EXCEEDED","cost":1502,"maxCost":1000}}]}
        """;

    [Fact]
    public async Task GetOrder_ShopAnswersMaxCostExceeded_PermanentTypedErrorWithTheServerCost()
    {
        using var server = WireMockShop.Start();
        server.Given(Request.Create().WithPath(WireMockShop.GraphPath).UsingPost())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(MaxCostExceededBody));
        await using var services = ShopifyTestHost.Build(server.Address());

        var error = await Assert.ThrowsAsync<ShopifyGraphQLException>(() => services.Channel().GetOrderAsync("gid://shopify/Order/1", TestContext.Current.CancellationToken));

        Assert.Equal("MAX_COST_EXCEEDED", error.ErrorCode);
        Assert.False(error.IsTransient);   // a resend of the same query can never succeed
        Assert.Contains("single-query limit of 1000", error.Message, StringComparison.Ordinal);
        // Each resend asked for a smaller page, using the server's figure; none was repeated at the same size.
        var sizes = server.Sent(GraphDocuments.Order).Select(v => v["linesFirst"]!.GetValue<int>()).ToArray();
        Assert.True(sizes.Length >= 2 && sizes.Zip(sizes.Skip(1)).All(p => p.Second < p.First), string.Join(", ", sizes));
    }

    [Fact]
    public async Task CreateFulfillment_OrderLinesPageSize100_StaysUnderTheSingleQueryCap()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var emulator = await ShopifyEmulator.StartAsync(cancellationToken: ct);
        await using var services = ShopifyTestHost.Build(emulator.BaseAddress, configure: o => o.OrderLinesPageSize = 100);
        var channel = services.Channel();
        emulator.AddLocation("Main");
        emulator.AddVariant("SKU-1");
        var orderId = await emulator.CreateOrderAsync([new ShopifyEmulatorLine
        {
            Sku = "SKU-1",
            Quantity = 2,
            UnitPrice = 5m,
        }], cancellationToken: ct);
        var line = (await channel.GetOrderAsync(orderId, ct))!.Lines[0];

        await channel.CreateFulfillmentAsync(new FulfillmentRequest(orderId, [new FulfillmentLine(line.LineId, 2)], "SHIP-1"), ct);

        Assert.Equal(1, emulator.GetFulfillmentCount(orderId));
        Assert.Equal(0, emulator.MaxCostExceededResponses);
        Assert.InRange(emulator.LargestRequestedCost, 1, 1000);
    }

    [Fact]
    public async Task ListOrders_Defaults_PageKeepsManyOrdersUnderTheCap()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var emulator = await ShopifyEmulator.StartAsync(new ShopifyEmulatorOptions { RestoreRate = 1000 }, ct);
        await using var services = ShopifyTestHost.Build(emulator.BaseAddress);
        emulator.AddLocation("Main");
        emulator.AddVariant("SKU-1");
        emulator.AddVariant("SKU-2");
        for (var i = 0; i < 40; i++)
        {
            await emulator.CreateOrderAsync([new ShopifyEmulatorLine
            {
                Sku = "SKU-1",
                Quantity = 1,
                UnitPrice = 5m,
            }, new ShopifyEmulatorLine
            {
                Sku = "SKU-2",
                Quantity = 2,
                UnitPrice = 3m,
            }], cancellationToken: ct);
        }

        var orders = await services.Channel().ListOrdersAsync(DateTimeOffset.UtcNow.AddHours(-1), ct).ToListAsync(ct);

        Assert.Equal(40, orders.Count);
        Assert.All(orders, o => Assert.Equal(2, o.Lines.Count));
        var pages = emulator.Requests.Where(r => r.OperationName == GraphDocuments.Orders).ToArray();
        // Before: 25 lines inline per order left room for 2 orders per page (20 round trips for 40 orders); now 13 to 17.
        Assert.True(pages.Length <= 4, $"{pages.Length} order pages for 40 orders: " + string.Join(", ", pages.Select(p => p.RequestedCost + " points " + p.VariablesJson)));
        Assert.Equal(0, emulator.MaxCostExceededResponses);
    }

    [Fact]
    public async Task ListItems_BucketSmallerThanAPage_ShrinksToTheReportedBucketInsteadOfRetrying()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var emulator = await ShopifyEmulator.StartAsync(new ShopifyEmulatorOptions { BucketSize = 100, RestoreRate = 50 }, ct);
        await using var services = ShopifyTestHost.Build(emulator.BaseAddress, configure: o => o.ThrottleWaitBudget = TimeSpan.FromSeconds(10));
        emulator.AddLocation("Main");
        for (var i = 0; i < 60; i++)
        {
            emulator.AddVariant("SKU-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        var items = await services.Channel().ListItemsAsync(ct).ToListAsync(ct);

        Assert.Equal(60, items.Count);
        // Only the very first request, sent before the shop had reported its bucket, may ask for more than it holds.
        Assert.InRange(emulator.RequestsOverBucket, 0, 1);
        Assert.True(emulator.ThrottledResponses <= 3, $"{emulator.ThrottledResponses} THROTTLED answers");
    }

    [Theory]
    [InlineData(1.3)]
    [InlineData(0.7)]
    public async Task Sync_ServerCostDiffersFromTheEstimate_NeverOverCapOrBucketAndConvergesOnTheServerFigures(double factor)
    {
        var ct = TestContext.Current.CancellationToken;
        // A 1,000-point bucket (the cap) restored quickly, so the test waits on cost, not on the clock.
        await using var emulator = await ShopifyEmulator.StartAsync(new ShopifyEmulatorOptions { CostFactor = factor, BucketSize = 1000, RestoreRate = 1000 }, ct);
        await using var services = ShopifyTestHost.Build(emulator.BaseAddress);
        var channel = services.Channel();
        var location = emulator.AddLocation("Main");
        for (var i = 0; i < 300; i++)
        {
            emulator.AddVariant("SKU-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), 1, location);
        }

        for (var i = 0; i < 30; i++)
        {
            await emulator.CreateOrderAsync([new ShopifyEmulatorLine
            {
                Sku = "SKU-1",
                Quantity = 1,
                UnitPrice = 5m,
            }], cancellationToken: ct);
        }

        Assert.Equal(300, await channel.ListItemsAsync(ct).CountAsync(ct));
        Assert.Equal(30, await channel.ListOrdersAsync(DateTimeOffset.UtcNow.AddHours(-1), ct).CountAsync(ct));
        Assert.Equal(300, await channel.ReadInventoryAsync(null, ct).CountAsync(ct));

        Assert.Equal(0, emulator.MaxCostExceededResponses);
        Assert.Equal(0, emulator.RequestsOverBucket);
        // Converged: the client's corrected estimate of the last catalog page is the server's requested cost.
        var last = emulator.Requests.Last(r => r.OperationName == GraphDocuments.ProductVariants && r.Refused is null);
        var variables = JsonSerializer.Deserialize(last.VariablesJson, ShopifyJsonContext.Default.ProductVariantsVariables)!;
        var estimate = channel.Client.EstimatedCost(GraphDocuments.ProductVariants, variables, ShopifyJsonContext.Default.ProductVariantsVariables);
        Assert.InRange(estimate, last.RequestedCost * 0.97, last.RequestedCost * 1.03);
    }
}
