namespace Connectors.Shopify.Internal.Json;

internal sealed record TagsAddData(MutationPayload? TagsAdd);
