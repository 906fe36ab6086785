using System.Globalization;
using System.Runtime.CompilerServices;
using Connectors.Magento.Internal;
using Connectors.Magento.Internal.Dto;
using Connectors.Magento.Internal.Json;

namespace Connectors.Magento;

/// <summary>Orders: polled from <c>GET /V1/orders</c> by <c>updated_at</c>; acknowledged with an order comment.</summary>
public sealed partial class MagentoChannel
{
    /// <inheritdoc />
    /// <remarks>
    /// Pages by key, not by page number: sorted by <c>updated_at</c> then <c>entity_id</c>, each page asks for what comes
    /// after the last order seen (<c>updated_at &gt; t OR entity_id &gt; id</c>, with <c>updated_at &gt;= t</c>), so an order
    /// updated while the poll runs moves to the end instead of pushing another past a page boundary unseen. The cursor is
    /// moved back by <see cref="MagentoOptions.OrderPollOverlap"/>. Orders of other stores are left out when
    /// <see cref="MagentoOptions.OrderStoreIds"/> is set. An order that cannot be mapped throws a <see cref="MappingException"/>.
    /// </remarks>
    public async IAsyncEnumerable<ChannelOrder> ListOrdersAsync(DateTimeOffset updatedSince, [EnumeratorCancellation] CancellationToken cancellationToken = default)
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

            var page = await _client.GetAsync("orders?" + criteria.ToQueryString(), MagentoJsonContext.Default.SearchResultOrder, cancellationToken).ConfigureAwait(false);
            var orders = page.Items ?? [];
            if (lastUpdated is not null && orders.Count > 0 && !orders.Any(o => After(o, lastUpdated, lastId)))
            {
                // Nothing past the last order seen: the store ignored the keyset filter. Stop rather than loop.
                throw new ConnectorRequestFailedException(
                    PlatformName, $"GET orders ignored the filter updated_at > {lastUpdated} OR entity_id > {lastId}: the poll cannot advance past order {lastId}.", 200, "keyset_ignored", isTransient: false);
            }

            foreach (var order in orders)
            {
                if (order is null)
                {
                    throw new ConnectorRequestFailedException(PlatformName, "GET orders answered a list with a null entry.", 200, "invalid_json", isTransient: false);
                }

                yield return MagentoMapper.ToChannelOrder(Name, order);
                if (order.UpdatedAt is not null)
                {
                    lastUpdated = SearchCriteria.Date(MagentoMapper.ParseDate(order.UpdatedAt, "updated_at"));
                }

                lastId = order.EntityId;
            }

            if (orders.Count < options.PageSize || lastUpdated is null)
            {
                yield break;
            }
        }
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

    private static bool After(Order? order, string lastUpdated, long lastId)
    {
        if (order?.UpdatedAt is null)
        {
            return false;
        }

        var updated = string.CompareOrdinal(SearchCriteria.Date(MagentoMapper.ParseDate(order.UpdatedAt, "updated_at")), lastUpdated);
        return updated > 0 || (updated == 0 && order.EntityId > lastId);
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
