namespace Connectors.Shopify.Internal.Json;

internal sealed record ReturnsVariables(int First, string? After, string Query, int ReturnsFirst, int LinesFirst);

internal sealed record ReturnsData(Connection<ReturnOrderNode>? Orders);

internal sealed record ReturnOrderNode(string Id, Connection<ReturnNode>? Returns);

internal sealed record ReturnNode(string Id, string? Status, DateTimeOffset? CreatedAt, Connection<ReturnLineNode>? ReturnLineItems);

internal sealed record ReturnLineNode(string Id, int Quantity, int? ProcessableQuantity, string? ReturnReasonNote, ReturnFulfillmentLine? FulfillmentLineItem);

internal sealed record ReturnFulfillmentLine(ReturnLineItemRef? LineItem);

internal sealed record ReturnLineItemRef(string Id, LineVariantInventory? Variant);

internal sealed record LineVariantInventory(NodeRef? InventoryItem);

internal sealed record ReturnProcessVariables(ReturnProcessInput Input);

internal sealed record ReturnProcessInput(string ReturnId, IReadOnlyList<ReturnProcessReturnLineItemInput> ReturnLineItems, bool NotifyCustomer);

internal sealed record ReturnProcessReturnLineItemInput(string Id, int Quantity);

internal sealed record ReturnProcessData(ReturnProcessPayload? ReturnProcess);

internal sealed record ReturnProcessPayload(NodeRef? Return, IReadOnlyList<UserError>? UserErrors);

internal sealed record WebhookSubscriptionCreateVariables(string Topic, WebhookSubscriptionInput WebhookSubscription);

internal sealed record WebhookSubscriptionInput(string Uri, string Format);

internal sealed record WebhookSubscriptionCreateData(MutationPayload? WebhookSubscriptionCreate);
