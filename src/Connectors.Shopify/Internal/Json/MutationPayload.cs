namespace Connectors.Shopify.Internal.Json;

internal sealed record MutationPayload(IReadOnlyList<UserError>? UserErrors);
