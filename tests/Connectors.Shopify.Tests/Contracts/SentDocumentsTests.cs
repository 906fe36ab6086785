using Connectors.Shopify.Internal;
using Connectors.Shopify.Tests.EndToEnd;
using Connectors.Testing.Shopify;

namespace Connectors.Shopify.Tests.Contracts;

/// <summary>
/// Every GraphQL request the channel really sends (document + variables, captured by the emulator) validates against the
/// published SDL of the pinned version, and every embedded document is among them: the order-channel scenario (with one
/// line per page, so the line-item follow-up queries run) and the fulfilment-service scenario together send them all.
/// </summary>
public sealed class SentDocumentsTests
{
    [Theory]
    [InlineData("2026-01")]
    [InlineData("2026-04")]
    public async Task SendAsync_EveryOperationTheChannelSends_ValidatesAgainstTheSchema(string version)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var emulator = await ShopifyEmulator.StartAsync(cancellationToken: ct);
        await using (var services = ShopifyTestHost.Build(emulator.BaseAddress, version, o => o.OrderLinesPageSize = 1))
        {
            await ChannelScenario.RunAsync(emulator, services.Channel(), ct);
        }

        await using (var services = ShopifyTestHost.Build(emulator.BaseAddress, version, o => o.FulfillmentServiceMode = true))
        {
            await FulfillmentServiceScenario.RunAsync(emulator, services.Channel(), ct);
        }

        var requests = emulator.Requests;
        Assert.Equal(GraphDocuments.All.OrderBy(x => x), requests.Select(r => r.OperationName!).Distinct().OrderBy(x => x));
        Assert.All(requests, r => Assert.Equal(version, r.ApiVersion));
        foreach (var request in requests.DistinctBy(r => r.OperationName + r.VariablesJson))
        {
            var errors = await ShopifySchemas.ValidateAsync(version, request.Query, request.VariablesJson);
            Assert.True(errors.Count == 0, $"{request.OperationName} with {request.VariablesJson}: {string.Join(" | ", errors)}");
        }
    }
}
