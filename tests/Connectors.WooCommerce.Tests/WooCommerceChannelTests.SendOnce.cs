using WireMock.RequestBuilders;

namespace Connectors.WooCommerce.Tests;

public sealed partial class WooCommerceChannelTests
{
    [Fact]
    public async Task AcknowledgeOrderAsync_NoteAnswerLostWith503_NoteSentOnceAndSurfacedAsTransient()
    {
        using var server = StartWireMock();
        server.Given(Request.Create().WithPath("/wp-json/wc/v3/orders/727").UsingPut()).RespondWith(Json(Recorded.Text("order_a_processing.json")));
        server.Given(Request.Create().WithPath("/wp-json/wc/v3/orders/727/notes").UsingGet()).RespondWith(Json("[]"));
        server.Given(Request.Create().WithPath("/wp-json/wc/v3/orders/727/notes").UsingPost()).RespondWith(Json("""{"code":"upstream","message":"Bad gateway","data":{"status":503}}""", 503));
        await using var sp = TestHost.Build(o =>
        {
            o.BaseUrl = new Uri(server.Url!);
            o.MaxRetries = 3;
        });

        var error = await Assert.ThrowsAnyAsync<ConnectorException>(() =>
            sp.Channel_().AcknowledgeOrderAsync(new OrderAcknowledgement("727", ReleaseDecision.Release, "WMS-1", null), TestContext.Current.CancellationToken));

        // WooCommerce may have added the note before the answer was lost: the pipeline must not add it again; the
        // engine's retry finds the note's marker first.
        Assert.True(error.IsTransient);
        Assert.Single(server.LogEntries, e => e.RequestMessage.Method == "POST");
        Assert.Single(server.LogEntries, e => e.RequestMessage.Method == "PUT");
    }
}
