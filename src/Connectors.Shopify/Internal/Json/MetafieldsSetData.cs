namespace Connectors.Shopify.Internal.Json;

internal sealed record MetafieldsSetData(MutationPayload? MetafieldsSet);
