using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Connectors.Shopify.Internal.Json;

namespace Connectors.Shopify.Internal;

internal sealed partial class ShopifyChannel
{
    /// <summary>
    /// Orders changed since <paramref name="updatedSince"/> (<c>orders</c> sorted by UPDATED_AT); in fulfilment-service
    /// mode, the orders with a fulfilment or cancellation request for the service instead (see <see cref="ShopifyOptions.FulfillmentServiceMode"/>).
    /// An order that cannot be read throws <see cref="UnreadableOrderException"/>; <see cref="ListOrderEntriesAsync"/> hands it over instead.
    /// </summary>
    public async IAsyncEnumerable<ChannelOrder> ListOrdersAsync(DateTimeOffset updatedSince, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var entry in ListOrderEntriesAsync(updatedSince, cancellationToken).ConfigureAwait(false))
        {
            yield return entry.Order ?? throw new UnreadableOrderException(Name, entry.Unreadable!.OrderId, entry.Unreadable.JsonPath, entry.Unreadable.Reason);
        }
    }

    /// <summary>
    /// As <see cref="ListOrdersAsync"/>, each order read on its own: an order whose JSON does not fit the schema's types
    /// or that does not map (a missing currency, an amount that is not a decimal) becomes an unreadable entry with its
    /// JSON and the path of the failure, and the rest of the page and the pages after it still come. A failure of the
    /// page itself (HTTP, GraphQL errors, a body that is not JSON) still throws.
    /// </summary>
    public IAsyncEnumerable<OrderListingEntry> ListOrderEntriesAsync(DateTimeOffset updatedSince, CancellationToken cancellationToken = default) =>
        _client.Options.FulfillmentServiceMode ? ListFulfillmentRequestsAsync(cancellationToken) : ListUpdatedOrdersAsync(updatedSince, cancellationToken);

    private async IAsyncEnumerable<OrderListingEntry> ListUpdatedOrdersAsync(DateTimeOffset updatedSince, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var options = _client.Options;
        var query = "updated_at:>='" + updatedSince.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) + "'";
        var linesFirst = OrderPageLines(options);
        string? after = null;
        do
        {
            var cursor = after;
            var (data, _) = await _client.SendPageAsync(
                GraphDocuments.Orders,
                n => new OrdersVariables(n, cursor, query, linesFirst, FulfillmentOrdersFirst, options.AcknowledgementMetafieldNamespace, AckKey(options)),
                ShopifyJsonContext.Default.OrdersVariables,
                ShopifyJsonContext.Default.GraphResponseOrdersPageData,
                options.OrderPageSize,
                cancellationToken).ConfigureAwait(false);
            var nodes = data.Orders?.Nodes ?? [];
            var read = nodes.Select(e => e.ValueKind == JsonValueKind.Null ? default : ReadOrder(e)).ToArray();

            // The lines beyond the inline page are read for the page's orders at once (up to ConcurrentLineReads in
            // flight, each request within the shared bucket): read one order after another, a page of large orders
            // cost a round trip per order, and the listing was bound by latency well below the plan's ceiling.
            using var lineReads = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            using var gate = new SemaphoreSlim(ConcurrentLineReads);
            var lines = read.Select(r => r.Order is { LineItems.PageInfo.HasNextPage: true } order ? ReadLinesAsync(order, gate, lineReads.Token) : (Task<IReadOnlyList<LineItemNode>>?)null).ToArray();
            try
            {
                for (var i = 0; i < nodes.Count; i++)
                {
                    if (nodes[i].ValueKind == JsonValueKind.Null)
                    {
                        throw new ShopifyGraphQLException("Orders", "a node of a connection is null, which the schema does not allow.", null, null, null, isTransient: true);
                    }

                    var (order, unreadable) = read[i];
                    if (order is null)
                    {
                        yield return unreadable!;
                        continue;
                    }

                    var orderLines = lines[i] is { } pending ? await pending.ConfigureAwait(false) : await AllLineItemsAsync(order, cancellationToken).ConfigureAwait(false);
                    yield return MapEntry(nodes[i], order, orderLines, null);
                }
            }
            finally
            {
                // A failed read, or a caller that stopped listing: the other reads of the page are not wanted any more.
                await lineReads.CancelAsync().ConfigureAwait(false);
                foreach (var pending in lines)
                {
                    if (pending is not null)
                    {
                        await ((Task)pending).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                    }
                }
            }

            after = data.Orders?.PageInfo is { HasNextPage: true } page ? page.EndCursor : null;
        }
        while (after is not null);
    }

    private static (OrderNode? Order, OrderListingEntry? Unreadable) ReadOrder(JsonElement element)
    {
        OrderNode? order;
        try
        {
            order = element.Deserialize(ShopifyJsonContext.Default.OrderNode);
        }
        catch (JsonException ex)
        {
            return (null, Unreadable(element, ex.Path ?? "$", Reason(ex.Message)));
        }

        return order is null || string.IsNullOrEmpty(order.Id) ? (null, Unreadable(element, "$.id", "the order has no id.")) : (order, null);
    }

    /// <summary>Maps an order read from a page; an order the mapper refuses becomes an unreadable entry naming the field.</summary>
    private OrderListingEntry MapEntry(JsonElement element, OrderNode order, IReadOnlyList<LineItemNode> lines, FulfillmentServiceScope? scope)
    {
        try
        {
            return OrderListingEntry.FromOrder(ShopifyOrderMapper.Map(Name, order, lines, scope));
        }
        catch (MappingException ex)
        {
            var field = ex.FieldPath;
            var path = ex.LineId is { } line ? $"$.lineItems.nodes[?(@.id=='{line}')].{field}" : "$." + field;
            return Unreadable(element, path, ex.Errors.Count > 0 ? ex.Errors[0].Message : ex.Message);
        }
    }

    private static OrderListingEntry Unreadable(JsonElement element, string path, string reason)
    {
        string? id = null;
        DateTimeOffset? updated = null;
        if (element.ValueKind == JsonValueKind.Object)
        {
            if (element.TryGetProperty("id", out var idValue) && idValue.ValueKind == JsonValueKind.String)
            {
                id = idValue.GetString();
            }

            if (element.TryGetProperty("updatedAt", out var value) && value.ValueKind == JsonValueKind.String
                && DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
            {
                updated = parsed;
            }
        }

        return OrderListingEntry.FromUnreadable(new UnreadableOrder
        {
            OrderId = id,
            Payload = element.GetRawText(),
            JsonPath = path,
            Reason = reason,
            UpdatedAt = updated,
        });
    }

    /// <summary>A <see cref="JsonException"/> message without the path and position System.Text.Json appends (the path is reported apart).</summary>
    private static string Reason(string message)
    {
        var cut = message.IndexOf(" Path: ", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }

    /// <summary>The fewest lines an order page reads per order before it gives up orders per page instead.</summary>
    private const int MinimumInlineOrderLines = 5;

    /// <summary>
    /// The page shape of the order listing. Every order's lines multiply the page's requested cost, so reading
    /// <see cref="ShopifyOptions.OrderLinesPageSize"/> lines inline would leave room for two or three orders per page
    /// under Shopify's 1,000-point limit. The inline lines are halved (not below <see cref="MinimumInlineOrderLines"/>)
    /// until <see cref="ShopifyOptions.OrderPageSize"/> orders fit; an order with more lines has the rest read with
    /// <c>OrderLineItems</c>, which is rare, while every page saved is a round trip saved.
    /// </summary>
    internal int OrderPageLines(ShopifyOptions options)
    {
        var lines = options.OrderLinesPageSize;
        while (lines > MinimumInlineOrderLines && _client.AffordablePageSize(
            GraphDocuments.Orders,
            n => new OrdersVariables(n, null, string.Empty, lines, FulfillmentOrdersFirst, "n", "k"),
            ShopifyJsonContext.Default.OrdersVariables,
            options.OrderPageSize) < options.OrderPageSize)
        {
            lines = Math.Max(MinimumInlineOrderLines, lines / 2);
        }

        return lines;
    }

    public async Task<ChannelOrder?> GetOrderAsync(string orderId, CancellationToken cancellationToken = default)
    {
        var id = ShopifyIds.Normalise(orderId, ShopifyIds.Order) ?? throw new ConnectorValidationException(nameof(orderId), $"'{orderId}' is not an Order GID or numeric id.");
        var options = _client.Options;
        var (data, _) = await _client.SendPageAsync(
            GraphDocuments.Order,
            n => new OrderVariables(id, n, FulfillmentOrdersFirst, options.AcknowledgementMetafieldNamespace, AckKey(options)),
            ShopifyJsonContext.Default.OrderVariables,
            ShopifyJsonContext.Default.GraphResponseOrderData,
            options.OrderLinesPageSize,
            cancellationToken).ConfigureAwait(false);
        if (data.Order is not { } order)
        {
            return null;
        }

        var lines = await AllLineItemsAsync(order, cancellationToken).ConfigureAwait(false);
        var scope = options.FulfillmentServiceMode ? await FulfillmentServiceScopeAsync(order.Id, cancellationToken).ConfigureAwait(false) : null;
        return ShopifyOrderMapper.Map(Name, order, lines, scope);
    }

    /// <summary>How many orders of one listed page have their further lines read at the same time.</summary>
    internal const int ConcurrentLineReads = 4;

    private async Task<IReadOnlyList<LineItemNode>> ReadLinesAsync(OrderNode order, SemaphoreSlim gate, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await AllLineItemsAsync(order, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>The order's line items: the first page from the order query, the rest read with <c>OrderLineItems</c>.</summary>
    private ValueTask<IReadOnlyList<LineItemNode>> AllLineItemsAsync(OrderNode order, CancellationToken cancellationToken) =>
        AllNodesAsync(
            order.LineItems,
            GraphDocuments.OrderLineItems,
            $"order {order.Id}",
            (n, after) => new OrderLineItemsVariables(order.Id, n, after),
            ShopifyJsonContext.Default.OrderLineItemsVariables,
            ShopifyJsonContext.Default.GraphResponseOrderLineItemsData,
            static data => data.Order?.LineItems,
            cancellationToken);

    public async Task AcknowledgeOrderAsync(OrderAcknowledgement acknowledgement, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(acknowledgement);
        var options = _client.Options;
        var id = ShopifyIds.Normalise(acknowledgement.ChannelOrderId, ShopifyIds.Order)
            ?? throw new ConnectorValidationException(nameof(acknowledgement.ChannelOrderId), $"'{acknowledgement.ChannelOrderId}' is not an Order GID or numeric id.");
        if (options.FulfillmentServiceMode)
        {
            // The fulfilment request is the order the service received: accept it once the WMS has the order, reject it
            // when the release rules refuse it; a held order keeps its request pending.
            switch (acknowledgement.Decision)
            {
                case ReleaseDecision.Release:
                    await AnswerFulfillmentRequestsAsync(id, accept: true, MessageFor(acknowledgement), cancellationToken).ConfigureAwait(false);
                    break;
                case ReleaseDecision.Reject:
                    await AnswerFulfillmentRequestsAsync(id, accept: false, acknowledgement.Note ?? "Rejected by the warehouse release rules.", cancellationToken).ConfigureAwait(false);
                    break;
            }
        }

        if (!string.IsNullOrEmpty(options.AcknowledgementTag))
        {
            var tag = acknowledgement.Decision switch
            {
                ReleaseDecision.Hold => options.AcknowledgementTag + "-hold",
                ReleaseDecision.Reject => options.AcknowledgementTag + "-rejected",
                _ => options.AcknowledgementTag,
            };
            var data = await _client.SendAsync(
                GraphDocuments.TagsAdd,
                new TagsAddVariables(id, [tag]),
                ShopifyJsonContext.Default.TagsAddVariables,
                ShopifyJsonContext.Default.GraphResponseTagsAddData,
                cancellationToken).ConfigureAwait(false);
            ThrowOnUserErrors(data.TagsAdd?.UserErrors, "tags");
        }

        if (!string.IsNullOrEmpty(options.AcknowledgementMetafieldKey))
        {
            var value = acknowledgement.WarehouseReference ?? acknowledgement.Decision.ToString();
            var data = await _client.SendAsync(
                GraphDocuments.MetafieldsSet,
                new MetafieldsSetVariables([new MetafieldsSetInput(id, options.AcknowledgementMetafieldNamespace, options.AcknowledgementMetafieldKey, "single_line_text_field", value)]),
                ShopifyJsonContext.Default.MetafieldsSetVariables,
                ShopifyJsonContext.Default.GraphResponseMetafieldsSetData,
                cancellationToken).ConfigureAwait(false);
            ThrowOnUserErrors(data.MetafieldsSet?.UserErrors, "metafields");
        }
    }

    private static string? MessageFor(OrderAcknowledgement acknowledgement) =>
        acknowledgement.WarehouseReference is { } reference ? "Received by the warehouse as " + reference + "." : acknowledgement.Note;

    private static string AckKey(ShopifyOptions options) =>
        string.IsNullOrEmpty(options.AcknowledgementMetafieldKey) ? "wms_reference" : options.AcknowledgementMetafieldKey;

    internal static void ThrowOnUserErrors(IReadOnlyList<UserError>? errors, string root)
    {
        if (errors is not { Count: > 0 })
        {
            return;
        }

        throw new ConnectorValidationException(errors
            .Select(e => new ValidationError(e.Field is { Count: > 0 } field ? string.Join('.', field) : root, (e.Message ?? "is invalid") + (e.Code is null ? string.Empty : $" ({e.Code})")))
            .ToArray());
    }
}
