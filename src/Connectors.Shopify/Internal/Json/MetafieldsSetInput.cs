namespace Connectors.Shopify.Internal.Json;

internal sealed record MetafieldsSetInput(string OwnerId, string Namespace, string Key, string Type, string Value);
