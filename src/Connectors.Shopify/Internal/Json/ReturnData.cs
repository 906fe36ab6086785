namespace Connectors.Shopify.Internal.Json;

internal sealed record ReturnData(ReturnDetailNode? Return);
