namespace Connectors.Shopify.Internal.Json;

internal sealed record AssignedFulfillmentOrdersVariables(
    int First,
    string? After,
    string AssignmentStatus,
    IReadOnlyList<string>? LocationIds,
    int LinesFirst,
    int FulfillmentOrdersFirst,
    string AckNamespace,
    string AckKey);
