using System.Globalization;
using System.Text.Json.Nodes;

namespace Connectors.Testing.Shopify.Internal;

/// <summary>
/// The emulator's own query-cost calculation, written from Shopify's published rules and not from the client's estimator
/// (the two must be able to disagree). Source: shopify.dev, "GraphQL Admin API rate limits", section "Cost calculation"
/// (https://shopify.dev/docs/apps/build/apis/graphql-admin/rate-limits): a field returning a scalar or an enum costs 0,
/// an object 1, an interface or a union the maximum of its possible selections, a connection is sized by its
/// <c>first</c>/<c>last</c> argument, and a mutation costs 10; a single query may request at most 1,000 points
/// (<c>MAX_COST_EXCEEDED</c>). Shopify's engineering article "Rate limiting GraphQL APIs by calculating query
/// complexity" gives the connection rule: two points for the connection plus the cost of each requested object.
/// <para>Assumptions (not stated in the sources; marked so a reader can disagree):</para>
/// <list type="bullet">
/// <item>A connection costs 2 + size × (cost of one node); <c>pageInfo</c> is part of the connection's 2 and the
/// <c>edges</c> wrapper adds nothing beyond its <c>node</c>.</item>
/// <item>A plain list argument-sized with <c>first</c> (<c>Order.fulfillments(first:)</c>) costs size × (1 + children), no connection fee.</item>
/// <item><c>nodes(ids:)</c> costs one object per id.</item>
/// <item>A connection with a variable <c>first</c> that is not supplied is sized 250 (the largest page).</item>
/// </list>
/// Without the schema the calculation goes by the shape of the selection: a selection holding <c>nodes</c> or
/// <c>edges</c> is a connection, one with a selection set is an object, a bare field is a scalar.
/// </summary>
internal static class EmulatorCost
{
    /// <summary>Shopify's single-query limit on the requested cost.</summary>
    public const int SingleQueryMaxCost = 1000;

    public static int Requested(string query, JsonObject variables)
    {
        var parser = new Parser(query, variables);
        return parser.OperationCost();
    }

    /// <summary>
    /// The actual cost of a response: 1 per object returned in the document's selection, 2 per connection
    /// (<see cref="SelectedCost"/>); a mutation costs 10.
    /// </summary>
    public static int Actual(JsonObject? data, string query, string? operationName)
    {
        if (data is { Count: 1 } top && top.First().Value is JsonObject payload && payload.ContainsKey("userErrors"))
        {
            return 10;
        }

        return data is null ? 0 : SelectedCost.Count(data, query, operationName) ?? Count(data, root: true);
    }

    private static int Count(JsonNode? node, bool root)
    {
        switch (node)
        {
            case JsonObject obj:
                var cost = root ? 0 : obj.ContainsKey("nodes") && obj.ContainsKey("pageInfo") ? 2 : 1;
                foreach (var (name, child) in obj)
                {
                    if (name != "pageInfo")
                    {
                        cost += Count(child, false);
                    }
                }

                return cost;
            case JsonArray array:
                return array.Sum(item => Count(item, false));
            default:
                return 0;
        }
    }

    internal static int Match(string s, int open)
    {
        var depth = 0;
        var inString = false;
        for (var i = open; i < s.Length; i++)
        {
            if (s[i] == '"' && (i == 0 || s[i - 1] != '\\'))
            {
                inString = !inString;
            }

            if (inString)
            {
                continue;
            }

            if (s[i] == '{')
            {
                depth++;
            }
            else if (s[i] == '}' && --depth == 0)
            {
                return i;
            }
        }

        return s.Length - 1;
    }

    /// <summary>A small recursive-descent reader of an executable GraphQL document (lexical grammar of the GraphQL spec, section 2.1).</summary>
    private sealed class Parser
    {
        private readonly List<string> _tokens = [];
        private readonly JsonObject _variables;
        private readonly Dictionary<string, int> _fragments = new(StringComparer.Ordinal);
        private int _pos;

        public Parser(string document, JsonObject variables)
        {
            _variables = variables;
            Lex(document);
        }

        public int OperationCost()
        {
            var operation = -1;
            var mutation = false;
            for (var i = 0; i < _tokens.Count; i++)
            {
                if (_tokens[i] == "fragment" && i + 1 < _tokens.Count)
                {
                    var name = _tokens[i + 1];
                    var open = _tokens.IndexOf("{", i);
                    _fragments[name] = open;
                    i = SkipBlock(open) - 1;
                }
                else if (_tokens[i] == "(")
                {
                    // Variable definitions (their default values may hold braces).
                    var depth = 0;
                    do
                    {
                        depth += _tokens[i] == "(" ? 1 : _tokens[i] == ")" ? -1 : 0;
                        i++;
                    }
                    while (depth > 0 && i < _tokens.Count);
                    i--;
                }
                else if (_tokens[i] == "{" && operation < 0)
                {
                    operation = i;
                    mutation = i > 0 && _tokens.Take(i).Contains("mutation");
                    i = SkipBlock(i) - 1;
                }
            }

            if (mutation)
            {
                return 10;
            }

            if (operation < 0)
            {
                return 0;
            }

            _pos = operation;
            return Selection(0).Cost;
        }

        // _pos at "{"; returns the cost of the selection and whether it is a connection's (holds nodes or edges).
        private (int Cost, bool IsConnection, int NodeCost) Selection(int depth)
        {
            _pos++;
            var total = 0;
            var nodeCost = 0;
            var isConnection = false;
            var alternatives = new List<int>();
            while (_pos < _tokens.Count && _tokens[_pos] != "}")
            {
                if (_tokens[_pos] == "...")
                {
                    _pos++;
                    if (_tokens[_pos] == "on")
                    {
                        _pos += 2;
                        SkipDirectives();
                        alternatives.Add(Selection(depth + 1).Cost);
                    }
                    else
                    {
                        var name = _tokens[_pos++];
                        SkipDirectives();
                        if (depth < 20 && _fragments.TryGetValue(name, out var start))
                        {
                            var saved = _pos;
                            _pos = start;
                            total += Selection(depth + 1).Cost;
                            _pos = saved;
                        }
                    }

                    continue;
                }

                var field = _tokens[_pos++];
                if (_pos < _tokens.Count && _tokens[_pos] == ":")
                {
                    field = _tokens[_pos + 1];
                    _pos += 2;
                }

                int? size = null;
                var ids = -1;
                if (_pos < _tokens.Count && _tokens[_pos] == "(")
                {
                    (size, ids) = Arguments();
                }

                SkipDirectives();
                if (_pos >= _tokens.Count || _tokens[_pos] != "{")
                {
                    continue; // scalar or enum: 0
                }

                var child = Selection(depth + 1);
                int cost;
                if (field is "nodes" or "edges" && size is null && ids < 0)
                {
                    // Inside a connection: the per-node cost (edges { node { … } } is one object per node).
                    isConnection = true;
                    nodeCost = field == "edges" ? child.Cost : 1 + child.Cost;
                    continue;
                }

                if (field == "node" && size is null)
                {
                    cost = 1 + child.Cost;
                }
                else if (field == "pageInfo")
                {
                    cost = 0;
                }
                else if (child.IsConnection)
                {
                    cost = 2 + ((size ?? 250) * child.NodeCost) + child.Cost;
                }
                else if (ids >= 0)
                {
                    cost = ids * (1 + child.Cost);
                }
                else if (size is { } n)
                {
                    cost = n * (1 + child.Cost);
                }
                else
                {
                    cost = 1 + child.Cost;
                }

                total += cost;
            }

            _pos++; // }
            // Interface or union selections: the most expensive alternative counts.
            return (total + (alternatives.Count > 0 ? alternatives.Max() : 0), isConnection, nodeCost);
        }

        private (int? Size, int Ids) Arguments()
        {
            int? size = null;
            var ids = -1;
            _pos++; // (
            while (_pos < _tokens.Count && _tokens[_pos] != ")")
            {
                var name = _tokens[_pos];
                _pos += 2; // name :
                var value = _tokens[_pos];
                if (name is "first" or "last")
                {
                    size = value.StartsWith('$')
                        ? (_variables[value[1..]] is JsonValue v && v.TryGetValue<int>(out var n) ? n : 250)
                        : int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var literal) ? literal : 250;
                }
                else if (name == "ids")
                {
                    ids = value.StartsWith('$') && _variables[value[1..]] is JsonArray list ? list.Count : 1;
                }

                SkipValue();
            }

            _pos++; // )
            return (size, ids);
        }

        private void SkipValue()
        {
            var open = _tokens[_pos];
            if (open is "[" or "{")
            {
                var close = open == "[" ? "]" : "}";
                var depth = 0;
                do
                {
                    if (_tokens[_pos] == open)
                    {
                        depth++;
                    }
                    else if (_tokens[_pos] == close)
                    {
                        depth--;
                    }

                    _pos++;
                }
                while (depth > 0 && _pos < _tokens.Count);
                return;
            }

            _pos++;
        }

        private void SkipDirectives()
        {
            while (_pos < _tokens.Count && _tokens[_pos] == "@")
            {
                _pos += 2;
                if (_pos < _tokens.Count && _tokens[_pos] == "(")
                {
                    var depth = 0;
                    do
                    {
                        depth += _tokens[_pos] == "(" ? 1 : _tokens[_pos] == ")" ? -1 : 0;
                        _pos++;
                    }
                    while (depth > 0 && _pos < _tokens.Count);
                }
            }
        }

        private int SkipBlock(int open)
        {
            var depth = 0;
            var i = open;
            do
            {
                depth += _tokens[i] == "{" ? 1 : _tokens[i] == "}" ? -1 : 0;
                i++;
            }
            while (depth > 0 && i < _tokens.Count);
            return i;
        }

        private void Lex(string s)
        {
            var i = 0;
            while (i < s.Length)
            {
                var c = s[i];
                if (char.IsWhiteSpace(c) || c == ',' || c == '\uFEFF')
                {
                    i++;
                }
                else if (c == '#')
                {
                    while (i < s.Length && s[i] != '\n' && s[i] != '\r')
                    {
                        i++;
                    }
                }
                else if (c == '"')
                {
                    var start = i;
                    if (s.AsSpan(i).StartsWith("\"\"\""))
                    {
                        var end = s.IndexOf("\"\"\"", i + 3, StringComparison.Ordinal);
                        i = end < 0 ? s.Length : end + 3;
                    }
                    else
                    {
                        i++;
                        while (i < s.Length && s[i] != '"')
                        {
                            i += s[i] == '\\' ? 2 : 1;
                        }

                        i++;
                    }

                    _tokens.Add(s[start..Math.Min(i, s.Length)]);
                }
                else if (c == '.' && s.AsSpan(i).StartsWith("..."))
                {
                    _tokens.Add("...");
                    i += 3;
                }
                else if ("{}()[]:!=@$|&".Contains(c, StringComparison.Ordinal))
                {
                    if (c == '$' && i + 1 < s.Length && (char.IsLetter(s[i + 1]) || s[i + 1] == '_'))
                    {
                        var start = i++;
                        while (i < s.Length && (char.IsLetterOrDigit(s[i]) || s[i] == '_'))
                        {
                            i++;
                        }

                        _tokens.Add(s[start..i]);
                        continue;
                    }

                    _tokens.Add(c.ToString());
                    i++;
                }
                else
                {
                    var start = i;
                    while (i < s.Length && (char.IsLetterOrDigit(s[i]) || s[i] is '_' or '-' or '.' or '+'))
                    {
                        i++;
                    }

                    if (i == start)
                    {
                        i++;
                        continue;
                    }

                    _tokens.Add(s[start..i]);
                }
            }
        }
    }
}
