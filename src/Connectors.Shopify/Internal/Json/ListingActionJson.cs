namespace Connectors.Shopify.Internal.Json;

// The listing actions: a product's status with its variants (ProductListingStatus), and productUpdate's status change.
internal sealed record ProductListingStatusVariables(string Id, int VariantsFirst, string? VariantsAfter = null);

internal sealed record ProductListingStatusData(ProductListingNode? Product);

internal sealed record ProductListingNode(string Id, string? Status, Connection<VariantNode>? Variants);

internal sealed record ProductStatusInput(string Id, string Status);

internal sealed record ProductStatusUpdateVariables(ProductStatusInput Product);

internal sealed record ProductStatusUpdateData(ProductStatusUpdatePayload? ProductUpdate);

internal sealed record ProductStatusUpdatePayload(ProductRef? Product, IReadOnlyList<UserError>? UserErrors);
