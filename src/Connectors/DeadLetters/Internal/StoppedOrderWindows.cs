using System.Text.Json;
using Connectors.Internal;
using Connectors.Orders.Internal;
using Microsoft.Extensions.Logging;

namespace Connectors.DeadLetters.Internal;

/// <summary>
/// Ends the oversell window of an order whose inbox item stopped (dead-lettered, or its dead letter discarded): its
/// units are not on their way to the WMS any more, so they must not stay subtracted from every channel. When the WMS
/// already accepted an earlier version of the order, the window is ended as accepted (together with fresh stock), not
/// given back. Replaying the item opens the window again when it is processed.
/// </summary>
internal sealed class StoppedOrderWindows(ISyncStateStore store, IOversellWindow? oversell, ILogger logger)
{
    /// <summary>Ends the window of the order in an inbox item's payload; items of other kinds, and unreadable payloads (which never opened one), are ignored.</summary>
    public async ValueTask EndAsync(WorkQueue? queue, string kind, string payload, CancellationToken cancellationToken)
    {
        if (oversell is null || queue != WorkQueue.Inbox || !string.Equals(kind, WorkKinds.Order, StringComparison.Ordinal))
        {
            return;
        }

        OrderInboxPayload? order;
        try
        {
            order = OrderPayloads.ReadOrder(payload);
        }
        catch (Exception e) when (e is JsonException or ConnectorException)
        {
            return;
        }

        if (order is null || string.IsNullOrEmpty(order.Channel) || string.IsNullOrEmpty(order.OrderId))
        {
            return;
        }

        var record = await store.GetOrderRecordAsync(order.Channel, order.OrderId, cancellationToken).ConfigureAwait(false);
        if (record?.Status == OrderRecordStatus.Submitted)
        {
            await oversell.AcceptedAsync(order.Channel, order.OrderId, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await oversell.CloseAsync(order.Channel, order.OrderId, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>As <see cref="EndAsync"/>, but a failure is logged, not thrown: the dead letter is stored already, and the reservation time-to-live or a reconciliation ends a window left open.</summary>
    public async ValueTask EndQuietlyAsync(WorkQueue? queue, string id, string kind, string payload, CancellationToken cancellationToken)
    {
        try
        {
            await EndAsync(queue, kind, payload, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // The dead letter is stored; a window left open expires or is reconciled.
        catch (Exception e)
#pragma warning restore CA1031
        {
            Telemetry.Log.WindowNotEnded(logger, id, e);
        }
    }
}
