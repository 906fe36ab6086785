namespace Connectors.Shopify.Internal.Json;

internal sealed record FulfillmentOrdersVariables(string Id, int First, int LinesFirst, int FulfillmentsFirst, int FulfillmentLinesFirst, string MarkerNamespace, string MarkerKey, int MarkersFirst, string? After = null);
