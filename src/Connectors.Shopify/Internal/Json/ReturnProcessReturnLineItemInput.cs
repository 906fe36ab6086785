namespace Connectors.Shopify.Internal.Json;

internal sealed record ReturnProcessReturnLineItemInput(string Id, int Quantity, IReadOnlyList<ReturnDispositionInput>? Dispositions);
