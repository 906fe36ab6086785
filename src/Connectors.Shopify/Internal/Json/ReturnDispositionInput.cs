namespace Connectors.Shopify.Internal.Json;

/// <summary>A <c>ReverseFulfillmentOrderDisposeInput</c>: what happened to returned units (restocked or not, and where).</summary>
internal sealed record ReturnDispositionInput(string ReverseFulfillmentOrderLineItemId, int Quantity, string DispositionType, string? LocationId);
