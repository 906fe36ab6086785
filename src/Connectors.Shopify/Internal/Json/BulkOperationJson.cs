using System.Text.Json.Serialization;

namespace Connectors.Shopify.Internal.Json;

internal sealed record BulkOperationRunQueryVariables(string Query);

internal sealed record BulkOperationRunQueryData(BulkOperationRunPayload? BulkOperationRunQuery);

internal sealed record BulkOperationRunPayload(BulkOperationNode? BulkOperation, IReadOnlyList<UserError>? UserErrors);

/// <summary>A BulkOperation; <c>objectCount</c>, <c>rootObjectCount</c> and <c>fileSize</c> are UnsignedInt64, sent as strings of digits.</summary>
internal sealed record BulkOperationNode(
    string Id,
    string? Status,
    string? ErrorCode = null,
    long? ObjectCount = null,
    long? RootObjectCount = null,
    long? FileSize = null,
    string? Url = null,
    string? PartialDataUrl = null);

internal sealed record BulkOperationVariables(string Id);

internal sealed record BulkOperationData(BulkOperationNode? BulkOperation);

internal sealed record ProductVariantsCountVariables(int? Limit);

internal sealed record ProductVariantsCountData(CountNode? ProductVariantsCount);

internal sealed record CountNode(int Count, string? Precision);

/// <summary>
/// One line of the inventory levels' JSONL: an inventory item (<c>id</c>, no parent) or one of its levels
/// (<c>location</c>, <c>quantities</c>, <c>__parentId</c> = the item's GID).
/// </summary>
internal sealed record BulkLevelLine(
    string? Id,
    NodeRef? Location,
    IReadOnlyList<QuantityNode>? Quantities,
    [property: JsonPropertyName("__parentId")] string? ParentId);

internal sealed record StagedUploadsCreateVariables(IReadOnlyList<StagedUploadInput> Input);

internal sealed record StagedUploadInput(string Resource, string Filename, string MimeType, string HttpMethod);

internal sealed record StagedUploadsCreateData(StagedUploadsCreatePayload? StagedUploadsCreate);

internal sealed record StagedUploadsCreatePayload(IReadOnlyList<StagedTarget>? StagedTargets, IReadOnlyList<UserError>? UserErrors);

internal sealed record StagedTarget(string? Url, string? ResourceUrl, IReadOnlyList<StagedParameter>? Parameters);

internal sealed record StagedParameter(string Name, string Value);

internal sealed record BulkOperationRunMutationVariables(string Mutation, string StagedUploadPath);

internal sealed record BulkOperationRunMutationData(BulkOperationRunPayload? BulkOperationRunMutation);

/// <summary>One line of a bulk price mutation's result: the answer to the variables of input line <c>__lineNumber</c> (0-based).</summary>
internal sealed record BulkPriceResultLine(
    ProductVariantsBulkUpdateData? Data,
    IReadOnlyList<GraphError>? Errors,
    [property: JsonPropertyName("__lineNumber")] int? LineNumber);
