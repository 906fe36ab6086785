using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;

namespace Connectors.Shopify.Internal;

/// <summary>
/// The package's GraphQL operations, one <c>.graphql</c> embedded resource per operation. Shared selection sets live
/// in <c>Graph/Fragments/&lt;Name&gt;.graphql</c> (one fragment each); <see cref="Get"/> appends every fragment an
/// operation spreads, transitively and once, so the text sent is a complete document with no unused fragment.
/// </summary>
internal static partial class GraphDocuments
{
    public const string ProductVariants = nameof(ProductVariants);
    public const string Locations = nameof(Locations);
    public const string InventorySetQuantities = nameof(InventorySetQuantities);
    public const string InventoryLevels = nameof(InventoryLevels);
    public const string InventoryItemLevels = nameof(InventoryItemLevels);
    public const string Orders = nameof(Orders);
    public const string Order = nameof(Order);
    public const string OrderLineItems = nameof(OrderLineItems);
    public const string TagsAdd = nameof(TagsAdd);
    public const string MetafieldsSet = nameof(MetafieldsSet);
    public const string FulfillmentOrders = nameof(FulfillmentOrders);
    public const string FulfillmentOrderLineItems = nameof(FulfillmentOrderLineItems);
    public const string FulfillmentCreate = nameof(FulfillmentCreate);
    public const string FulfillmentOrderOpen = nameof(FulfillmentOrderOpen);
    public const string Fulfillment = nameof(Fulfillment);
    public const string FulfillmentTrackingInfoUpdate = nameof(FulfillmentTrackingInfoUpdate);
    public const string Returns = nameof(Returns);
    public const string Return = nameof(Return);
    public const string ReturnRefundSuggestion = nameof(ReturnRefundSuggestion);
    public const string ReturnProcess = nameof(ReturnProcess);
    public const string ReturnApproveRequest = nameof(ReturnApproveRequest);
    public const string OrderReturns = nameof(OrderReturns);
    public const string ReturnLineItems = nameof(ReturnLineItems);
    public const string ReverseFulfillmentOrders = nameof(ReverseFulfillmentOrders);
    public const string ReverseFulfillmentOrderLineItems = nameof(ReverseFulfillmentOrderLineItems);
    public const string OrderMetafields = nameof(OrderMetafields);
    public const string FulfillmentOrderMove = nameof(FulfillmentOrderMove);
    public const string InventoryActivate = nameof(InventoryActivate);
    public const string WebhookSubscriptionCreate = nameof(WebhookSubscriptionCreate);
    public const string FulfillmentServices = nameof(FulfillmentServices);
    public const string FulfillmentServiceCreate = nameof(FulfillmentServiceCreate);
    public const string AssignedFulfillmentOrders = nameof(AssignedFulfillmentOrders);
    public const string FulfillmentOrderAcceptFulfillmentRequest = nameof(FulfillmentOrderAcceptFulfillmentRequest);
    public const string FulfillmentOrderRejectFulfillmentRequest = nameof(FulfillmentOrderRejectFulfillmentRequest);
    public const string FulfillmentOrderAcceptCancellationRequest = nameof(FulfillmentOrderAcceptCancellationRequest);
    public const string FulfillmentOrderRejectCancellationRequest = nameof(FulfillmentOrderRejectCancellationRequest);

    private const string DocumentPrefix = "Connectors.Shopify.Graph.Documents.";
    private const string FragmentPrefix = "Connectors.Shopify.Graph.Fragments.";

    private static readonly ConcurrentDictionary<string, string> Cache = new(StringComparer.Ordinal);

    /// <summary>Every operation the package sends (the contract tests check each against the published schemas).</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        ProductVariants, Locations, InventorySetQuantities, InventoryLevels, InventoryItemLevels, Orders, Order, OrderLineItems, TagsAdd,
        MetafieldsSet, FulfillmentOrders, FulfillmentOrderLineItems, FulfillmentCreate, Fulfillment, FulfillmentTrackingInfoUpdate, Returns, Return,
        ReturnRefundSuggestion, ReturnProcess, ReturnApproveRequest, WebhookSubscriptionCreate, FulfillmentServices, FulfillmentServiceCreate, AssignedFulfillmentOrders,
        FulfillmentOrderAcceptFulfillmentRequest, FulfillmentOrderRejectFulfillmentRequest, FulfillmentOrderAcceptCancellationRequest,
        FulfillmentOrderRejectCancellationRequest, FulfillmentOrderOpen, OrderReturns, ReturnLineItems, ReverseFulfillmentOrders,
        ReverseFulfillmentOrderLineItems, OrderMetafields, FulfillmentOrderMove, InventoryActivate, .. PriceOperations, .. ListingOperations, .. BulkOperations,
    ];

    /// <summary>The embedded documents, by resource name (for the test that checks every file is listed in <see cref="All"/>).</summary>
    public static IReadOnlyList<string> EmbeddedOperations { get; } = typeof(GraphDocuments).Assembly.GetManifestResourceNames()
        .Where(n => n.StartsWith(DocumentPrefix, StringComparison.Ordinal))
        .Select(n => n[DocumentPrefix.Length..^".graphql".Length])
        .ToArray();

    /// <summary>The operation's text with the fragments it spreads appended.</summary>
    public static string Get(string operation) => Cache.GetOrAdd(operation, static name =>
    {
        var text = new StringBuilder(Read(DocumentPrefix + name + ".graphql"));
        var included = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Queue<string>(Spreads(text.ToString()));
        while (pending.TryDequeue(out var fragment))
        {
            if (!included.Add(fragment))
            {
                continue;
            }

            var fragmentText = Read(FragmentPrefix + fragment + ".graphql");
            text.Append('\n').Append(fragmentText);
            foreach (var nested in Spreads(fragmentText))
            {
                pending.Enqueue(nested);
            }
        }

        return text.ToString();
    });

    private static IEnumerable<string> Spreads(string text) =>
        FragmentSpread().Matches(text).Select(m => m.Groups[1].Value).Where(n => n != "on");

    private static string Read(string resource)
    {
        using var stream = typeof(GraphDocuments).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The GraphQL document '{resource}' is not embedded in the package.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    [GeneratedRegex(@"\.\.\.([A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex FragmentSpread();
}
