namespace Connectors.Shopify.Internal.Json;

/// <summary>Variables of the fulfilment-request and cancellation-request answers that take an id and a message.</summary>
internal sealed record FulfillmentOrderAnswerVariables(string Id, string? Message);
