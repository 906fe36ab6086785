namespace Connectors.Shopify.Internal.Json;

internal sealed record MoneyInput(string Amount, string CurrencyCode);
