using System.Globalization;
using System.Runtime.CompilerServices;
using Connectors.WooCommerce.Internal;
using Connectors.WooCommerce.Internal.Dto;
using Connectors.WooCommerce.Internal.Json;

namespace Connectors.WooCommerce;

/// <summary>Orders: paged by <c>modified_after</c>, acknowledged by meta and note.</summary>
public sealed partial class WooCommerceChannel
{
    /// <inheritdoc />
    /// <remarks>
    /// <c>GET orders?modified_after=…&amp;dates_are_gmt=true&amp;orderby=id&amp;order=asc</c>, <see cref="WooCommerceOptions.PageSize"/>
    /// per page, until <c>X-WP-TotalPages</c>. An order that cannot become a canonical order raises a
    /// <see cref="MappingException"/> naming the field, rather than being skipped.
    /// </remarks>
    public async IAsyncEnumerable<ChannelOrder> ListOrdersAsync(DateTimeOffset updatedSince, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var order in ListWooOrdersAsync(updatedSince, cancellationToken).ConfigureAwait(false))
        {
            yield return Map(order);
        }
    }

    /// <inheritdoc />
    public async Task<ChannelOrder?> GetOrderAsync(string orderId, CancellationToken cancellationToken = default)
    {
        var id = OrderIdArgument(orderId, nameof(orderId));
        try
        {
            var order = await _client.GetAsync($"orders/{id}", WooJsonContext.Default.WooOrder, cancellationToken).ConfigureAwait(false);
            return Map(order);
        }
        catch (ConnectorNotFoundException)
        {
            return null;
        }
    }

    /// <inheritdoc />
    /// <remarks>
    /// Writes the WMS reference to the order meta <see cref="WooCommerceOptions.AcknowledgementMetaKey"/> (and the decision
    /// to <c>{key}_decision</c>), sets <see cref="WooCommerceOptions.AcknowledgementStatus"/> on a released order when
    /// configured, and adds a private note once (a marker in the note makes a repeated acknowledgement write nothing new).
    /// </remarks>
    public async Task AcknowledgeOrderAsync(OrderAcknowledgement acknowledgement, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(acknowledgement);
        var options = _client.Options;
        var id = OrderIdArgument(acknowledgement.ChannelOrderId, nameof(OrderAcknowledgement.ChannelOrderId));
        var decision = acknowledgement.Decision.ToString().ToLowerInvariant();
        var meta = new List<WooMetaWrite>
        {
            new() { Key = options.AcknowledgementMetaKey + "_decision", Value = ToElement(decision, WooJsonContext.Default.String) },
        };
        if (acknowledgement.WarehouseReference is { Length: > 0 } reference)
        {
            meta.Add(new() { Key = options.AcknowledgementMetaKey, Value = ToElement(reference, WooJsonContext.Default.String) });
        }

        var status = acknowledgement.Decision == ReleaseDecision.Release ? options.AcknowledgementStatus : null;
        await UpdateOrderAsync(id, new WooOrderUpdate { MetaData = meta, Status = status }, cancellationToken).ConfigureAwait(false);
        if (!options.AcknowledgementNote)
        {
            return;
        }

        var marker = Marker("ack", decision + ":" + (acknowledgement.WarehouseReference ?? "-"));
        if (await HasNoteAsync(id, marker, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        var text = acknowledgement.Note
            ?? (acknowledgement.WarehouseReference is { } r
                ? $"Received by the warehouse (reference {r}); decision: {decision}."
                : $"Received by the warehouse; decision: {decision}.");
        await AddNoteAsync(id, text + " " + marker, customerNote: false, cancellationToken).ConfigureAwait(false);
    }

    private IAsyncEnumerable<WooOrder> ListWooOrdersAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        var after = Uri.EscapeDataString(since.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture));
        return _client.PageAsync($"orders?modified_after={after}&dates_are_gmt=true&orderby=id&order=asc", WooJsonContext.Default.ListWooOrder, cancellationToken);
    }

    private ChannelOrder Map(WooOrder order)
    {
        try
        {
            return WooMapper.ToChannelOrder(Name, order);
        }
        catch (WebhookOrParseException ex)
        {
            throw new MappingException(Name, Id(order.Id), null, ex.Path, ex.Reason);
        }
        catch (Exception ex) when (ex is NullReferenceException or FormatException or InvalidOperationException or OverflowException)
        {
            // A null entry or an unreadable value somewhere in the order (found by the reliability fuzzer) is malformed
            // input: the typed error, never a bare runtime exception.
            throw new MappingException(Name, Id(order.Id), null, "$", $"the order cannot be read: {ex.Message}");
        }
    }
}
