using System.Globalization;
using Connectors.Internal;
using Connectors.Magento.Internal;
using Microsoft.Extensions.Logging;

namespace Connectors.Magento;

/// <summary>
/// One Magento 2 / Adobe Commerce store view as a Connectors channel, on the REST API (<c>/rest/{store}/V1</c>):
/// inventory (MSI source items, reservation-corrected), catalogue, orders (polled by <c>updated_at</c>) and fulfilment
/// (shipments), returns (credit memos; Adobe Commerce RMAs read as return requests). Created by <c>AddMagento</c>. Channel item ids are SKUs, the key of MSI source items.
/// </summary>
public sealed partial class MagentoChannel : IInventoryChannel, ICatalogChannel, IOrderListingChannel, IFulfillmentChannel, IReturnChannel
{
    /// <summary>The platform name, <c>magento</c>.</summary>
    public const string PlatformName = "magento";

    private readonly MagentoClient _client;
    private readonly MagentoMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    internal MagentoChannel(string name, MagentoClient client, MagentoMetrics metrics, TimeProvider time, ILogger logger)
    {
        Name = name;
        _client = client;
        _metrics = metrics;
        _time = time;
        _logger = logger;
        _pricing = new ReadOnce<StorePricing>(ReadStorePricingAsync);
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public string Platform => PlatformName;

    /// <inheritdoc />
    public ChannelCapabilities Capabilities => new(
        maxInventoryBatchSize: _client.Options.BatchSize,
        supportsMultipleLocations: true,
        supportsPartialFulfillment: true,
        supportsWebhooks: !string.IsNullOrWhiteSpace(_client.Options.WebhookPublicKey),
        supportsReturns: true,
        supportsOrderAcknowledgement: true);

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    private static long OrderIdArgument(string orderId, string field)
    {
        if (!long.TryParse(orderId, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id <= 0)
        {
            throw new ConnectorValidationException(field, $"'{orderId}' is not a Magento order entity id (a positive number).");
        }

        return id;
    }
}
