namespace Connectors.Shopify.Internal.Json;

internal sealed record ReturnProcessPayload(NodeRef? Return, IReadOnlyList<UserError>? UserErrors);
