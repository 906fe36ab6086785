namespace Connectors.Shopify.Internal.Json;

internal sealed record OrdersData(Connection<OrderNode>? Orders);
