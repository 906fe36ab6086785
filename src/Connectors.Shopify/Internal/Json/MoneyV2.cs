namespace Connectors.Shopify.Internal.Json;

internal sealed record MoneyV2(string Amount, string CurrencyCode);
