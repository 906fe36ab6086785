using System.Collections.Concurrent;

namespace Connectors.Shopify.Internal;

/// <summary>The package's GraphQL operations, one <c>.graphql</c> embedded resource per operation.</summary>
internal static class GraphDocuments
{
    public const string ProductVariants = nameof(ProductVariants);
    public const string Locations = nameof(Locations);
    public const string InventorySetQuantities = nameof(InventorySetQuantities);
    public const string InventoryLevels = nameof(InventoryLevels);
    public const string InventoryItemLevels = nameof(InventoryItemLevels);
    public const string Orders = nameof(Orders);
    public const string Order = nameof(Order);
    public const string TagsAdd = nameof(TagsAdd);
    public const string MetafieldsSet = nameof(MetafieldsSet);
    public const string FulfillmentOrders = nameof(FulfillmentOrders);
    public const string FulfillmentCreate = nameof(FulfillmentCreate);
    public const string FulfillmentTrackingInfoUpdate = nameof(FulfillmentTrackingInfoUpdate);
    public const string Returns = nameof(Returns);
    public const string ReturnProcess = nameof(ReturnProcess);
    public const string WebhookSubscriptionCreate = nameof(WebhookSubscriptionCreate);

    private static readonly ConcurrentDictionary<string, string> Cache = new(StringComparer.Ordinal);

    public static IReadOnlyList<string> All { get; } =
    [
        ProductVariants, Locations, InventorySetQuantities, InventoryLevels, InventoryItemLevels, Orders, Order, TagsAdd,
        MetafieldsSet, FulfillmentOrders, FulfillmentCreate, FulfillmentTrackingInfoUpdate, Returns, ReturnProcess, WebhookSubscriptionCreate,
    ];

    public static string Get(string operation) => Cache.GetOrAdd(operation, static name =>
    {
        var resource = $"Connectors.Shopify.Graph.Documents.{name}.graphql";
        using var stream = typeof(GraphDocuments).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The GraphQL document '{resource}' is not embedded in the package.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });
}
