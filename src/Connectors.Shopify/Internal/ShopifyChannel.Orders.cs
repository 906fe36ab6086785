using System.Globalization;
using System.Runtime.CompilerServices;
using Connectors.Shopify.Internal.Json;

namespace Connectors.Shopify.Internal;

internal sealed partial class ShopifyChannel
{
    public async IAsyncEnumerable<ChannelOrder> ListOrdersAsync(DateTimeOffset updatedSince, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var options = _client.Options;
        var query = "updated_at:>='" + updatedSince.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) + "'";
        var pageSize = OrderPageSize(options);
        string? after = null;
        do
        {
            var data = await _client.SendAsync(
                GraphDocuments.Orders,
                new OrdersVariables(pageSize, after, query, options.OrderLinesPageSize, FulfillmentOrdersFirst, options.AcknowledgementMetafieldNamespace, AckKey(options)),
                ShopifyJsonContext.Default.OrdersVariables,
                ShopifyJsonContext.Default.GraphResponseOrdersData,
                cancellationToken).ConfigureAwait(false);
            foreach (var order in data.Orders?.Nodes ?? [])
            {
                yield return ShopifyOrderMapper.Map(Name, order);
            }

            after = data.Orders?.PageInfo is { HasNextPage: true } page ? page.EndCursor : null;
        }
        while (after is not null);
    }

    private int OrderPageSize(ShopifyOptions options) => _client.AffordablePageSize(
        GraphDocuments.Orders,
        n => new OrdersVariables(n, null, string.Empty, options.OrderLinesPageSize, FulfillmentOrdersFirst, "n", "k"),
        ShopifyJsonContext.Default.OrdersVariables,
        options.OrderPageSize);

    public async Task<ChannelOrder?> GetOrderAsync(string orderId, CancellationToken cancellationToken = default)
    {
        var id = ShopifyIds.Normalise(orderId, ShopifyIds.Order) ?? throw new ConnectorValidationException(nameof(orderId), $"'{orderId}' is not an Order GID or numeric id.");
        var options = _client.Options;
        var data = await _client.SendAsync(
            GraphDocuments.Order,
            new OrderVariables(id, options.OrderLinesPageSize, FulfillmentOrdersFirst, options.AcknowledgementMetafieldNamespace, AckKey(options)),
            ShopifyJsonContext.Default.OrderVariables,
            ShopifyJsonContext.Default.GraphResponseOrderData,
            cancellationToken).ConfigureAwait(false);
        return data.Order is null ? null : ShopifyOrderMapper.Map(Name, data.Order);
    }

    public async Task AcknowledgeOrderAsync(OrderAcknowledgement acknowledgement, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(acknowledgement);
        var options = _client.Options;
        var id = ShopifyIds.Normalise(acknowledgement.ChannelOrderId, ShopifyIds.Order)
            ?? throw new ConnectorValidationException(nameof(acknowledgement.ChannelOrderId), $"'{acknowledgement.ChannelOrderId}' is not an Order GID or numeric id.");
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
