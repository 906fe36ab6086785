namespace Connectors.Shopify.Internal.Json;

internal sealed record ProductVariantsData(Connection<VariantNode>? ProductVariants);
