using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Connectors.Testing.Magento.Internal;

/// <summary>
/// Magento's <c>searchCriteria</c> as its REST layer reads it from the query string (<c>filterGroups</c> or
/// <c>filter_groups</c>, <c>sortOrders</c> or <c>sort_orders</c>, <c>pageSize</c>, <c>currentPage</c>), applied as its
/// collections do: filters inside a group ORed, groups ANDed; a current page past the last answers the last page.
/// </summary>
internal sealed partial class SearchQuery
{
    public List<List<(string Field, string Value, string Condition)>> Groups { get; } = [];

    public List<(string Field, bool Ascending)> Sorts { get; } = [];

    public int? PageSize { get; private set; }

    public int CurrentPage { get; private set; } = 1;

    [GeneratedRegex(@"^searchCriteria\[(filterGroups|filter_groups)\]\[(\d+)\]\[filters\]\[(\d+)\]\[(field|value|conditionType|condition_type)\]$")]
    private static partial Regex FilterKey();

    [GeneratedRegex(@"^searchCriteria\[(sortOrders|sort_orders)\]\[(\d+)\]\[(field|direction)\]$")]
    private static partial Regex SortKey();

    public static SearchQuery Parse(IEnumerable<KeyValuePair<string, string>> query)
    {
        var result = new SearchQuery();
        var filters = new SortedDictionary<int, SortedDictionary<int, Dictionary<string, string>>>();
        var sorts = new SortedDictionary<int, Dictionary<string, string>>();
        foreach (var (key, value) in query)
        {
            if (FilterKey().Match(key) is { Success: true } f)
            {
                var g = int.Parse(f.Groups[2].Value, CultureInfo.InvariantCulture);
                var i = int.Parse(f.Groups[3].Value, CultureInfo.InvariantCulture);
                if (!filters.TryGetValue(g, out var group))
                {
                    filters[g] = group = [];
                }

                if (!group.TryGetValue(i, out var filter))
                {
                    group[i] = filter = [];
                }

                filter[f.Groups[4].Value.Replace("condition_type", "conditionType", StringComparison.Ordinal)] = value;
            }
            else if (SortKey().Match(key) is { Success: true } s)
            {
                var i = int.Parse(s.Groups[2].Value, CultureInfo.InvariantCulture);
                if (!sorts.TryGetValue(i, out var sort))
                {
                    sorts[i] = sort = [];
                }

                sort[s.Groups[3].Value] = value;
            }
            else if (key is "searchCriteria[pageSize]" or "searchCriteria[page_size]")
            {
                result.PageSize = int.Parse(value, CultureInfo.InvariantCulture);
            }
            else if (key is "searchCriteria[currentPage]" or "searchCriteria[current_page]")
            {
                result.CurrentPage = Math.Max(1, int.Parse(value, CultureInfo.InvariantCulture));
            }
        }

        foreach (var group in filters.Values)
        {
            result.Groups.Add(group.Values
                .Where(f => f.ContainsKey("field"))
                .Select(f => (f["field"], f.GetValueOrDefault("value") ?? string.Empty, f.GetValueOrDefault("conditionType") ?? "eq"))
                .ToList());
        }

        foreach (var sort in sorts.Values.Where(s => s.ContainsKey("field")))
        {
            result.Sorts.Add((sort["field"], !string.Equals(sort.GetValueOrDefault("direction"), "DESC", StringComparison.OrdinalIgnoreCase)));
        }

        return result;
    }

    /// <summary>Filters, sorts and pages; <paramref name="alias"/> maps a filter field to the JSON property holding it.</summary>
    public (List<JsonObject> Page, int Total) Apply(IEnumerable<JsonObject> rows, Func<string, string>? alias = null)
    {
        alias ??= f => f;
        var matched = rows.Where(r => Groups.All(g => g.Count == 0 || g.Any(f => Matches(r[alias(f.Field)], f.Value, f.Condition)))).ToList();
        IOrderedEnumerable<JsonObject>? ordered = null;
        foreach (var (field, ascending) in Sorts)
        {
            var key = alias(field);
            var comparer = Comparer<JsonObject>.Create((a, b) => Compare(a[key], b[key]));
            ordered = ordered is null
                ? ascending ? matched.Order(comparer) : matched.OrderDescending(comparer)
                : ascending ? ordered.ThenBy(r => r, comparer) : ordered.ThenByDescending(r => r, comparer);
        }

        var all = ordered?.ToList() ?? matched;
        if (PageSize is not { } size || size <= 0)
        {
            return (all, all.Count);
        }

        var lastPage = Math.Max(1, (all.Count + size - 1) / size);
        var page = Math.Min(CurrentPage, lastPage); // Magento's collections clamp a page past the end to the last page
        return (all.Skip((page - 1) * size).Take(size).ToList(), all.Count);
    }

    public JsonObject Echo() => new()
    {
        ["filter_groups"] = new JsonArray(Groups.Select(g => (JsonNode)new JsonObject
        {
            ["filters"] = new JsonArray(g.Select(f => (JsonNode)new JsonObject { ["field"] = f.Field, ["value"] = f.Value, ["condition_type"] = f.Condition }).ToArray()),
        }).ToArray()),
        ["sort_orders"] = new JsonArray(Sorts.Select(s => (JsonNode)new JsonObject { ["field"] = s.Field, ["direction"] = s.Ascending ? "ASC" : "DESC" }).ToArray()),
        ["page_size"] = PageSize,
        ["current_page"] = CurrentPage,
    };

    private static bool Matches(JsonNode? node, string value, string condition)
    {
        var text = Text(node);
        switch (condition)
        {
            case "null": return text is null;
            case "notnull": return text is not null;
            case "in": return text is not null && value.Split(',').Select(v => v.Trim()).Any(v => Compare(text, v) == 0);
            case "nin": return text is null || !value.Split(',').Select(v => v.Trim()).Any(v => Compare(text, v) == 0);
            case "like": return text is not null && Like(text, value);
            case "nlike": return text is null || !Like(text, value);
            case "finset": return text is not null && text.Split(',').Contains(value, StringComparer.Ordinal);
        }

        if (text is null)
        {
            return condition == "neq";
        }

        var c = Compare(text, value);
        return condition switch
        {
            "eq" => c == 0,
            "neq" => c != 0,
            "gt" => c > 0,
            "gteq" or "from" or "moreq" => c >= 0,
            "lt" => c < 0,
            "lteq" or "to" => c <= 0,
            _ => throw new InvalidOperationException($"unknown condition type '{condition}'"),
        };
    }

    private static bool Like(string text, string pattern) =>
        Regex.IsMatch(text, "^" + Regex.Escape(pattern).Replace("%", ".*", StringComparison.Ordinal).Replace("_", ".", StringComparison.Ordinal) + "$", RegexOptions.IgnoreCase | RegexOptions.Singleline, TimeSpan.FromSeconds(1));

    private static string? Text(JsonNode? node) => node switch
    {
        null => null,
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        JsonValue v => v.ToJsonString(),
        _ => node.ToJsonString(),
    };

    private static int Compare(JsonNode? a, JsonNode? b) => (Text(a), Text(b)) switch
    {
        (null, null) => 0,
        (null, _) => -1,
        (_, null) => 1,
        var (x, y) => Compare(x, y),
    };

    /// <summary>Numbers compare as numbers (as MySQL does for numeric columns), everything else as text.</summary>
    private static int Compare(string a, string b) =>
        decimal.TryParse(a, NumberStyles.Number, CultureInfo.InvariantCulture, out var x) && decimal.TryParse(b, NumberStyles.Number, CultureInfo.InvariantCulture, out var y)
            ? x.CompareTo(y)
            : string.Compare(a, b, StringComparison.OrdinalIgnoreCase);
}
