namespace Connectors.Shopify.Internal.Json;

internal sealed record InventoryActivatePayload(NodeRef? InventoryLevel, IReadOnlyList<UserError>? UserErrors);
