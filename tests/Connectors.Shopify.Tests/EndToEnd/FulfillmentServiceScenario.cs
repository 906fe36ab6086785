using Connectors.Shopify.Internal;
using Connectors.Testing.Shopify;

namespace Connectors.Shopify.Tests.EndToEnd;

/// <summary>
/// One pass over every fulfilment-service operation against an emulator: register the service, take a fulfilment
/// request (accept), refuse one (reject), ship, and answer two cancellation requests (accept and reject).
/// </summary>
internal static class FulfillmentServiceScenario
{
    public static async Task<FulfillmentServiceResult> RunAsync(ShopifyEmulator emulator, ShopifyChannel channel, CancellationToken ct)
    {
        var merchant = emulator.AddLocation("Shop floor");
        emulator.AddVariant("FS-A", 5, merchant);
        emulator.AddVariant("FS-B", 5, merchant);
        var service = await channel.EnsureFulfillmentServiceAsync(ct);

        var accepted = await emulator.CreateOrderAsync([Line("FS-A", 2, 10m), Line("FS-B", 1, 5m)], "EUR", ct);
        var refused = await emulator.CreateOrderAsync([Line("FS-A", 1, 10m)], "EUR", ct);
        var cancelAccepted = await emulator.CreateOrderAsync([Line("FS-B", 1, 5m)], "EUR", ct);
        var cancelRejected = await emulator.CreateOrderAsync([Line("FS-B", 2, 5m)], "EUR", ct);
        var notRequested = await emulator.CreateOrderAsync([Line("FS-A", 1, 10m)], "EUR", ct);
        foreach (var order in (string[])[accepted, refused, cancelAccepted, cancelRejected])
        {
            emulator.SubmitFulfillmentRequest(order, service.LocationId);
        }

        var requested = await channel.ListOrdersAsync(DateTimeOffset.UtcNow, ct).ToListAsync(ct);
        foreach (var order in (string[])[accepted, cancelAccepted, cancelRejected])
        {
            await channel.AcknowledgeOrderAsync(new OrderAcknowledgement(order, ReleaseDecision.Release, "WMS-" + order[^3..]), ct);
        }

        await channel.AcknowledgeOrderAsync(new OrderAcknowledgement(refused, ReleaseDecision.Reject, null, "SKU blocked"), ct);
        var acceptedOrder = await channel.GetOrderAsync(accepted, ct);
        var lineA = acceptedOrder!.Lines.Single(l => l.Sku == "FS-A");
        var shipped = await channel.CreateFulfillmentAsync(new FulfillmentRequest(accepted, [new FulfillmentLine(lineA.LineId, 2)], "FS-SHIP-1", "UPS", [new TrackingInfo("1Z1", null, "UPS")]), ct);

        emulator.RequestFulfillmentCancellation(cancelAccepted);
        emulator.RequestFulfillmentCancellation(cancelRejected);
        var afterCancellation = await channel.ListOrdersAsync(DateTimeOffset.UtcNow, ct).ToListAsync(ct);
        await channel.AnswerCancellationRequestsAsync(cancelAccepted, accept: true, "Cancelled in the warehouse.", ct);
        await channel.AnswerCancellationRequestsAsync(cancelRejected, accept: false, "Already packed.", ct);
        return new FulfillmentServiceResult(service, accepted, refused, cancelAccepted, cancelRejected, notRequested, requested, acceptedOrder, shipped, afterCancellation);
    }

    /// <summary>An order line of the emulator: its SKU, units and unit price.</summary>
    internal static ShopifyEmulatorLine Line(string sku, int quantity, decimal unitPrice) =>
        new() { Sku = sku, Quantity = quantity, UnitPrice = unitPrice };
}

internal sealed record FulfillmentServiceResult(
    ShopifyFulfillmentService Service,
    string Accepted,
    string Refused,
    string CancelAccepted,
    string CancelRejected,
    string NotRequested,
    IReadOnlyList<ChannelOrder> Requested,
    ChannelOrder AcceptedOrder,
    ChannelFulfillment Shipped,
    IReadOnlyList<ChannelOrder> AfterCancellation);
