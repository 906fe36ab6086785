namespace Connectors.Shopify.Internal.Json;

internal sealed record PresentmentMoneyBag(MoneyV2? PresentmentMoney);
