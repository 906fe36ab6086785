using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Connectors.Magento.Internal;
using Connectors.Magento.Internal.Dto;
using Connectors.Magento.Internal.Json;

namespace Connectors.Magento;

/// <summary>Orders: polled from <c>GET /V1/orders</c> by <c>updated_at</c>; acknowledged with an order comment.</summary>
public sealed partial class MagentoChannel
{
    /// <inheritdoc />
    /// <remarks>
    /// The pages of <see cref="ListOrderEntriesAsync"/>. An order that cannot be read throws an
    /// <see cref="UnreadableOrderException"/> naming the order and the JSON path; <see cref="ListOrderEntriesAsync"/>
    /// hands it over instead.
    /// </remarks>
    public async IAsyncEnumerable<ChannelOrder> ListOrdersAsync(DateTimeOffset updatedSince, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var entry in ListOrderEntriesAsync(updatedSince, cancellationToken).ConfigureAwait(false))
        {
            yield return entry.Order ?? throw new UnreadableOrderException(Name, entry.Unreadable!.OrderId, entry.Unreadable.JsonPath, entry.Unreadable.Reason);
        }
    }

    /// <inheritdoc />
    /// <remarks>
    /// Pages by key, not by page number: sorted by <c>updated_at</c> then <c>entity_id</c>, each page asks for what comes
    /// after the last order seen (<c>updated_at &gt; t OR entity_id &gt; id</c>, with <c>updated_at &gt;= t</c>), so an order
    /// updated while the poll runs moves to the end instead of pushing another past a page boundary unseen. The cursor is
    /// moved back by <see cref="MagentoOptions.OrderPollOverlap"/>. Orders of other stores are left out when
    /// <see cref="MagentoOptions.OrderStoreIds"/> is set. Each order is read on its own: one whose JSON does not fit
    /// Magento's order schema, or that does not map (a quantity of 2.5, a missing currency or SKU, a date that is not a
    /// date), comes back as an unreadable entry with its JSON and the path of the failure (for example
    /// <c>$.items[0].qty_ordered</c>), and the keyset moves past it, so the orders after it still come.
    /// </remarks>
    public async IAsyncEnumerable<OrderListingEntry> ListOrderEntriesAsync(DateTimeOffset updatedSince, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var options = _client.Options;
        var since = SearchCriteria.Date(updatedSince - options.OrderPollOverlap);
        string? lastUpdated = null;
        long lastId = 0;
        while (true)
        {
            var criteria = new SearchCriteria { PageSize = options.PageSize, CurrentPage = 1 }
                .Where("updated_at", "gteq", lastUpdated ?? since)
                .OrderBy("updated_at")
                .OrderBy("entity_id");
            if (lastUpdated is not null)
            {
                criteria.WhereAny(("updated_at", "gt", lastUpdated), ("entity_id", "gt", Id(lastId)));
            }

            if (options.OrderStoreIds.Count > 0)
            {
                criteria.Where("store_id", "in", string.Join(',', options.OrderStoreIds.Select(i => i.ToString(CultureInfo.InvariantCulture))));
            }

            var page = await _client.GetAsync("orders?" + criteria.ToQueryString(), MagentoJsonContext.Default.SearchResultJsonElement, cancellationToken).ConfigureAwait(false);
            var orders = page.Items ?? [];
            var keys = new List<(string? Updated, long? Id)>(orders.Count);
            foreach (var element in orders)
            {
                if (element.ValueKind == JsonValueKind.Null)
                {
                    throw new ConnectorRequestFailedException(PlatformName, "GET orders answered a list with a null entry.", 200, "invalid_json", isTransient: false);
                }

                keys.Add(Key(element));
            }

            if (lastUpdated is not null && orders.Count > 0 && !keys.Any(k => After(k, lastUpdated, lastId)))
            {
                // Nothing past the last order seen: the store ignored the keyset filter. Stop rather than loop.
                throw new ConnectorRequestFailedException(
                    PlatformName, $"GET orders ignored the filter updated_at > {lastUpdated} OR entity_id > {lastId}: the poll cannot advance past order {lastId}.", 200, "keyset_ignored", isTransient: false);
            }

            for (var i = 0; i < orders.Count; i++)
            {
                yield return ReadEntry(orders[i], keys[i].Id);

                // An order without a readable updated_at or entity_id cannot place the keyset; the orders around it can.
                if (keys[i] is { Updated: { } updated, Id: { } id })
                {
                    lastUpdated = updated;
                    lastId = id;
                }
            }

            if (orders.Count < options.PageSize || lastUpdated is null)
            {
                yield break;
            }
        }
    }

    /// <summary>Reads one order of a page; what cannot be read becomes an unreadable entry naming the JSON path.</summary>
    private OrderListingEntry ReadEntry(JsonElement element, long? id)
    {
        Order? order;
        try
        {
            order = element.Deserialize(MagentoJsonContext.Default.Order);
        }
        catch (JsonException ex)
        {
            return Unreadable(element, id, ex.Path ?? "$", Reason(ex.Message));
        }

        if (order is null || id is null)
        {
            return Unreadable(element, id, "$.entity_id", "the order has no entity_id.");
        }

        try
        {
            return OrderListingEntry.FromOrder(MagentoMapper.ToChannelOrder(Name, order));
        }
        catch (ConnectorValidationException ex)
        {
            return Unreadable(element, id, PathOf(order, ex), ex.Errors.Count > 0 ? ex.Errors[0].Message : ex.Message);
        }
    }

    /// <summary>
    /// The JSON path of a mapping failure: the mapper names a field (<c>items.qty_ordered</c>) and, for a line, the line's
    /// item id, which is placed back at its index in <c>items</c>.
    /// </summary>
    private static string PathOf(Order order, ConnectorValidationException ex)
    {
        var field = string.IsNullOrEmpty(ex.FieldPath) ? string.Empty : "." + ex.FieldPath;
        if (ex is MappingException { LineId: { } line } && field.StartsWith(".items.", StringComparison.Ordinal))
        {
            var index = order.Items?.FindIndex(i => Id(i.ItemId) == line) ?? -1;
            if (index >= 0)
            {
                return $"$.items[{index}]{field[".items".Length..]}";
            }
        }

        return "$" + field;
    }

    private static OrderListingEntry Unreadable(JsonElement element, long? id, string path, string reason)
    {
        DateTimeOffset? updated = null;
        if (element.ValueKind == JsonValueKind.Object && element.TryGetProperty("updated_at", out var value) && value.ValueKind == JsonValueKind.String)
        {
            try
            {
                updated = MagentoMapper.ParseDate(value.GetString(), "updated_at");
            }
            catch (ConnectorValidationException)
            {
                // The payload and path are what matter; an unreadable date only means the cursor does not move for it.
            }
        }

        return OrderListingEntry.FromUnreadable(new UnreadableOrder
        {
            OrderId = id?.ToString(CultureInfo.InvariantCulture),
            Payload = element.GetRawText(),
            JsonPath = path,
            Reason = reason,
            UpdatedAt = updated,
        });
    }

    /// <summary>The keyset position of an order as the page shows it; either part is null when it cannot be read.</summary>
    private static (string? Updated, long? Id) Key(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return (null, null);
        }

        long? id = null;
        if (element.TryGetProperty("entity_id", out var idValue))
        {
            if (idValue.ValueKind == JsonValueKind.Number && idValue.TryGetInt64(out var number))
            {
                id = number;
            }
            else if (idValue.ValueKind == JsonValueKind.String && long.TryParse(idValue.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                id = parsed;
            }
        }

        string? updated = null;
        if (element.TryGetProperty("updated_at", out var value) && value.ValueKind == JsonValueKind.String)
        {
            try
            {
                updated = SearchCriteria.Date(MagentoMapper.ParseDate(value.GetString(), "updated_at"));
            }
            catch (ConnectorValidationException)
            {
                updated = null;
            }
        }

        return (updated, id);
    }

    /// <summary>A <see cref="JsonException"/> message without the path and position System.Text.Json appends (the path is reported apart).</summary>
    private static string Reason(string message)
    {
        var cut = message.IndexOf(" Path: ", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }

    /// <inheritdoc />
    public async Task<ChannelOrder?> GetOrderAsync(string orderId, CancellationToken cancellationToken = default)
    {
        var id = OrderIdArgument(orderId, nameof(orderId));
        var order = await FindOrderAsync(id, cancellationToken).ConfigureAwait(false);
        return order is null ? null : MagentoMapper.ToChannelOrder(Name, order);
    }

    /// <inheritdoc />
    /// <remarks>
    /// Adds an order comment (not visible to the customer, no email) that names the decision and the WMS reference and
    /// carries a marker, so a repeated acknowledgement finds it and adds nothing. A released order's status is set to
    /// <see cref="MagentoOptions.AcknowledgementStatus"/> when one is configured; otherwise the status stays.
    /// </remarks>
    public async Task AcknowledgeOrderAsync(OrderAcknowledgement acknowledgement, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(acknowledgement);
        var id = OrderIdArgument(acknowledgement.ChannelOrderId, nameof(acknowledgement.ChannelOrderId));
        var order = await FindOrderAsync(id, cancellationToken).ConfigureAwait(false)
            ?? throw new ConnectorNotFoundException(PlatformName, $"order {id} does not exist; it cannot be acknowledged.");
        var marker = $"[connectors:ack:{acknowledgement.Decision.ToString().ToLowerInvariant()}]";
        if (order.StatusHistories?.Any(h => h.Comment?.Contains(marker, StringComparison.Ordinal) == true) == true)
        {
            return;
        }

        var text = acknowledgement.Decision switch
        {
            ReleaseDecision.Release => $"Received by the warehouse{(acknowledgement.WarehouseReference is { } r ? " as " + r : string.Empty)}.",
            ReleaseDecision.Hold => "Held by the warehouse.",
            _ => "Refused by the warehouse.",
        };
        if (!string.IsNullOrWhiteSpace(acknowledgement.Note))
        {
            text += " " + acknowledgement.Note;
        }

        var status = acknowledgement.Decision == ReleaseDecision.Release && _client.Options.AcknowledgementStatus is { } configured ? configured : order.Status;
        var request = new OrderCommentRequest
        {
            StatusHistory = new StatusHistory { Comment = text + " " + marker, Status = status, IsCustomerNotified = 0, IsVisibleOnFront = 0, ParentId = id },
        };
        await _client.SendAsync(HttpMethod.Post, $"orders/{Id(id)}/comments", request, MagentoJsonContext.Default.OrderCommentRequest, MagentoJsonContext.Default.JsonElement, cancellationToken).ConfigureAwait(false);
    }

    private static bool After((string? Updated, long? Id) key, string lastUpdated, long lastId)
    {
        if (key.Updated is null)
        {
            return false;
        }

        var updated = string.CompareOrdinal(key.Updated, lastUpdated);
        return updated > 0 || (updated == 0 && key.Id > lastId);
    }

    private async Task<Order?> FindOrderAsync(long id, CancellationToken cancellationToken)
    {
        try
        {
            return await _client.GetAsync($"orders/{Id(id)}", MagentoJsonContext.Default.Order, cancellationToken).ConfigureAwait(false);
        }
        catch (ConnectorNotFoundException)
        {
            return null;
        }
    }
}
