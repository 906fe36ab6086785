using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Connectors.WooCommerce.Internal;
using Connectors.WooCommerce.Internal.Dto;
using Connectors.WooCommerce.Internal.Json;

namespace Connectors.WooCommerce;

/// <summary>Orders: paged by <c>modified_after</c>, acknowledged by meta and note.</summary>
public sealed partial class WooCommerceChannel : IOrderListingChannel
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
    /// <remarks>
    /// The same pages as <see cref="ListOrdersAsync"/>, each order read on its own: an order with a value this connector
    /// cannot read (a <c>"quantity":"2.5"</c>, a missing currency) comes back as an unreadable entry with its JSON and
    /// the path of the failure (for example <c>$.line_items[0].quantity</c>), and the orders after it still come.
    /// </remarks>
    public async IAsyncEnumerable<OrderListingEntry> ListOrderEntriesAsync(DateTimeOffset updatedSince, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var after = Uri.EscapeDataString(updatedSince.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture));
        var pages = _client.PageAsync($"orders?modified_after={after}&dates_are_gmt=true&orderby=id&order=asc", WooJsonContext.Default.ListJsonElement, cancellationToken);
        await foreach (var element in pages.ConfigureAwait(false))
        {
            yield return ReadEntry(element);
        }
    }

    /// <summary>Reads one order of a page; what cannot be read becomes an unreadable entry naming the path.</summary>
    private OrderListingEntry ReadEntry(JsonElement element)
    {
        string? id = element.ValueKind == JsonValueKind.Object && element.TryGetProperty("id", out var idValue)
            && idValue.ValueKind is JsonValueKind.Number or JsonValueKind.String
            ? idValue.ToString()
            : null;
        WooOrder? order;
        try
        {
            order = element.Deserialize(WooJsonContext.Default.WooOrder);
        }
        catch (JsonException ex)
        {
            return Unreadable(element, id, JsonPaths.Full(ex), Reason(ex.Message));
        }

        if (order is null)
        {
            return Unreadable(element, id, "$", "the entry is null.");
        }

        try
        {
            return OrderListingEntry.FromOrder(WooMapper.ToChannelOrder(Name, order));
        }
        catch (WebhookOrParseException ex)
        {
            return Unreadable(element, id, ex.Path, ex.Reason);
        }
        catch (Exception ex) when (ex is NullReferenceException or FormatException or InvalidOperationException or OverflowException)
        {
            return Unreadable(element, id, "$", ex.Message);
        }
    }

    private static OrderListingEntry Unreadable(JsonElement element, string? id, string path, string reason)
    {
        DateTimeOffset? modified = null;
        if (element.ValueKind == JsonValueKind.Object
            && element.TryGetProperty("date_modified_gmt", out var value)
            && value.ValueKind == JsonValueKind.String
            && DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            modified = parsed;
        }

        return OrderListingEntry.FromUnreadable(new UnreadableOrder
        {
            OrderId = id,
            Payload = element.GetRawText(),
            JsonPath = path,
            Reason = reason,
            UpdatedAt = modified,
        });
    }

    private static string Reason(string message)
    {
        var cut = message.IndexOf(" Path: ", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
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
