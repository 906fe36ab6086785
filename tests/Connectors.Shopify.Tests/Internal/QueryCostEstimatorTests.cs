using System.Text.Json;
using Connectors.Shopify.Internal;

namespace Connectors.Shopify.Tests.Internal;

public sealed class QueryCostEstimatorTests
{
    private static JsonElement Vars(string json) => JsonDocument.Parse(json).RootElement;

    [Fact]
    public void Estimate_Mutation_CostsTen()
    {
        Assert.Equal(10, QueryCostEstimator.Estimate(GraphDocuments.Get(GraphDocuments.InventorySetQuantities), Vars("{}")));
    }

    [Fact]
    public void Estimate_Connection_IsTwoPlusSizeTimesChild()
    {
        // productVariants(first: n) { pageInfo{..} nodes { id product{id} inventoryItem{id} } } => 2 + n * (1 + 1 + 1);
        // pageInfo is part of the connection (once), not of each node.
        Assert.Equal(2 + (10 * 3), QueryCostEstimator.Estimate(GraphDocuments.Get(GraphDocuments.ProductVariants), Vars("""{"first":10}""")));
        Assert.Equal(2 + (100 * 3), QueryCostEstimator.Estimate(GraphDocuments.Get(GraphDocuments.ProductVariants), Vars("""{"first":100}""")));
    }

    [Fact]
    public void Estimate_FragmentsAndNestedConnections_GrowWithInnerSize()
    {
        var document = GraphDocuments.Get(GraphDocuments.Orders);
        var small = QueryCostEstimator.Estimate(document, Vars("""{"first":1,"linesFirst":5,"fulfillmentOrdersFirst":5}"""));
        var large = QueryCostEstimator.Estimate(document, Vars("""{"first":1,"linesFirst":50,"fulfillmentOrdersFirst":5}"""));
        Assert.True(large > small + 45 * 3, $"{small} -> {large}");
        Assert.Equal(2 + (2 * (small - 2)), QueryCostEstimator.Estimate(document, Vars("""{"first":2,"linesFirst":5,"fulfillmentOrdersFirst":5}""")));
    }

    [Fact]
    public void Estimate_NodesByIds_MultipliesByIdCount()
    {
        var document = GraphDocuments.Get(GraphDocuments.InventoryItemLevels);
        var one = QueryCostEstimator.Estimate(document, Vars("""{"ids":["a"],"levelsFirst":10}"""));
        var three = QueryCostEstimator.Estimate(document, Vars("""{"ids":["a","b","c"],"levelsFirst":10}"""));
        Assert.Equal(3 * one, three);
    }
}
