using System.Text.Json.Nodes;
using GraphQLParser.AST;
using GraphQLParser.Exceptions;

namespace Connectors.Testing.Shopify.Internal;

/// <summary>
/// The actual cost of a response counted over the fields the document selected. The emulator's handlers render whole
/// objects (every field they know, with nested connections such as a fulfilment order's line items), while Shopify
/// charges for the objects it returns, which are the ones selected ("GraphQL Admin API rate limits": the actual cost
/// is based on the results returned). Counting the rendered JSON charged a fulfilment order's unselected line items,
/// locations and actions, and every order's unselected returns connection.
/// </summary>
internal static class SelectedCost
{
    /// <summary>
    /// Objects returned in the document's selection: 1 per object, 2 per connection (an object with <c>nodes</c> and
    /// <c>pageInfo</c>), <c>pageInfo</c> free, a field selected twice (directly and through a fragment) counted once.
    /// Null when the document does not parse (its cost is then counted over the whole answer).
    /// </summary>
    public static int? Count(JsonObject data, string query, string? operationName)
    {
        GraphQLDocument document;
        try
        {
            document = GraphQLParser.Parser.Parse(query);
        }
        catch (GraphQLSyntaxErrorException)
        {
            return null;
        }

        var fragments = document.Definitions.OfType<GraphQLFragmentDefinition>()
            .GroupBy(f => f.FragmentName.Name.StringValue, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var operations = document.Definitions.OfType<GraphQLOperationDefinition>().ToList();
        var operation = operationName is null
            ? operations.FirstOrDefault()
            : operations.FirstOrDefault(o => o.Name is { } n && string.Equals(n.StringValue, operationName, StringComparison.Ordinal)) ?? operations.FirstOrDefault();
        return operation is null ? null : Fields(data, [operation.SelectionSet], fragments);
    }

    private static int Node(JsonNode? node, List<GraphQLSelectionSet> selections, Dictionary<string, GraphQLFragmentDefinition> fragments) => node switch
    {
        JsonObject obj => (obj.ContainsKey("nodes") && obj.ContainsKey("pageInfo") ? 2 : 1) + Fields(obj, selections, fragments),
        JsonArray array => array.Sum(item => Node(item, selections, fragments)),
        _ => 0,
    };

    private static int Fields(JsonObject obj, List<GraphQLSelectionSet> selections, Dictionary<string, GraphQLFragmentDefinition> fragments)
    {
        // GraphQL merges the fields of one response key (spec 6.3.2 CollectFields): their sub-selections are one set.
        var byKey = new Dictionary<string, (string Name, List<GraphQLSelectionSet> Sets)>(StringComparer.Ordinal);
        foreach (var set in selections)
        {
            Collect(set, byKey, fragments, 0);
        }

        var cost = 0;
        foreach (var (key, (name, sets)) in byKey)
        {
            if (name == "pageInfo" || sets.Count == 0)
            {
                continue;
            }

            // The handlers key aliased fields by alias where they honour aliases, by field name elsewhere.
            var value = obj.TryGetPropertyValue(key, out var aliased) ? aliased : obj[name];
            cost += Node(value, sets, fragments);
        }

        return cost;
    }

    private static void Collect(GraphQLSelectionSet set, Dictionary<string, (string Name, List<GraphQLSelectionSet> Sets)> byKey, Dictionary<string, GraphQLFragmentDefinition> fragments, int depth)
    {
        foreach (var selection in set.Selections)
        {
            switch (selection)
            {
                case GraphQLField field:
                    var name = field.Name.StringValue;
                    var key = field.Alias?.Name.StringValue ?? name;
                    if (!byKey.TryGetValue(key, out var entry))
                    {
                        entry = (name, []);
                        byKey[key] = entry;
                    }

                    if (field.SelectionSet is { } sub)
                    {
                        entry.Sets.Add(sub);
                    }

                    break;
                case GraphQLInlineFragment inline when depth < 16:
                    Collect(inline.SelectionSet, byKey, fragments, depth + 1);
                    break;
                case GraphQLFragmentSpread spread when depth < 16 && fragments.TryGetValue(spread.FragmentName.Name.StringValue, out var fragment):
                    Collect(fragment.SelectionSet, byKey, fragments, depth + 1);
                    break;
            }
        }
    }
}
