using System.Text.Json;

namespace Connectors.Shopify.Internal.Json;

/// <summary>An <c>Orders</c> page with every order kept as JSON, so one order that cannot be read fails alone (see <see cref="ShopifyChannel.ListOrderEntriesAsync"/>).</summary>
internal sealed record OrdersPageData(Connection<JsonElement>? Orders);
