using Connectors.Shopify.Internal;
using Connectors.Shopify.Tests.EndToEnd;
using Connectors.Shopify.Tests.Internal;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace Connectors.Shopify.Tests.Channel;

public sealed partial class ShopifyChannelTests
{
    [Fact]
    public async Task CreateFulfillment_AnswerLostWith503_SentOnceAndSurfacedAsTransient()
    {
        _server.Respond(GraphDocuments.FulfillmentOrders, FulfillmentOrders(1, FulfillmentOrder(11, MerchantLocation, "OPEN", "UNSUBMITTED", Page(false, null, FoLine(111, 1, 3, 3)))));
        _server.Given(Request.Create().WithPath(WireMockShop.GraphPath).UsingPost()
                .WithBody(new WildcardMatcher($"*\"operationName\":\"{GraphDocuments.FulfillmentCreate}\"*")))
            .RespondWith(Response.Create().WithStatusCode(503).WithBody("upstream connect error"));
        await using var services = Build();

        var error = await Assert.ThrowsAnyAsync<ConnectorException>(() => services.Channel().CreateFulfillmentAsync(
            new FulfillmentRequest("1", [new FulfillmentLine("gid://shopify/LineItem/1", 1)], "SHIP-1"), TestContext.Current.CancellationToken));

        // Shopify may have created it before the answer was lost: the pipeline must not send it again, the engine's
        // outbox retry looks at the shop first.
        Assert.True(error.IsTransient);
        Assert.Single(_server.Sent(GraphDocuments.FulfillmentCreate));
        Assert.Single(_server.Sent(GraphDocuments.FulfillmentOrders));
    }
}
