namespace Connectors.Shopify.Internal;

internal static partial class GraphDocuments
{
    public const string BulkOperationRunQuery = nameof(BulkOperationRunQuery);
    public const string BulkOperation = nameof(BulkOperation);
    public const string ProductVariantsCount = nameof(ProductVariantsCount);
    public const string StagedUploadsCreate = nameof(StagedUploadsCreate);
    public const string BulkOperationRunMutation = nameof(BulkOperationRunMutation);

    /// <summary>The query run in bulk for the catalogue and the listing report: every variant, one JSONL line each.</summary>
    public const string BulkVariants = nameof(BulkVariants);

    /// <summary>
    /// The query run in bulk for every item's inventory levels: an item line, then (not necessarily adjacent) one line per
    /// level whose <c>__parentId</c> is the item's GID.
    /// </summary>
    public const string BulkInventoryLevels = nameof(BulkInventoryLevels);

    private const string BulkPrefix = "Connectors.Shopify.Graph.Bulk.";

    /// <summary>The queries run in bulk (the contract tests check each against the published schemas and Shopify's bulk rules).</summary>
    public static IReadOnlyList<string> BulkQueries { get; } = [BulkVariants, BulkInventoryLevels];

    /// <summary>The bulk operation's operations (part of <see cref="All"/>); a property, as static fields of partial files initialise in no set order.</summary>
    private static string[] BulkOperations => [BulkOperationRunQuery, BulkOperation, ProductVariantsCount, StagedUploadsCreate, BulkOperationRunMutation];

    /// <summary>The text of a query run in bulk (no fragments: Shopify's bulk queries are sent as one string).</summary>
    public static string GetBulkQuery(string name) => Cache.GetOrAdd(BulkPrefix + name + ".graphql", static resource => Read(resource));
}
