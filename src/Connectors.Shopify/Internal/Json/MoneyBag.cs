namespace Connectors.Shopify.Internal.Json;

internal sealed record MoneyBag(MoneyV2? ShopMoney);
