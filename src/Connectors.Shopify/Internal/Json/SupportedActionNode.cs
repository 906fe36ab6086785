namespace Connectors.Shopify.Internal.Json;

/// <summary>One entry of <c>FulfillmentOrder.supportedActions</c> (a FulfillmentOrderAction value).</summary>
internal sealed record SupportedActionNode(string? Action);
