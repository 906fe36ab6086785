namespace Connectors.Shopify.Internal.Json;

internal sealed record ReturnProcessData(ReturnProcessPayload? ReturnProcess);
