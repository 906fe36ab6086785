namespace Connectors.Shopify.Internal.Json;

internal sealed record ReturnProcessVariables(ReturnProcessInput Input);
