namespace Connectors.Shopify.Internal.Json;

internal sealed record MetafieldsSetVariables(IReadOnlyList<MetafieldsSetInput> Metafields);
