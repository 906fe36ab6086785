using System.Text.Json.Nodes;

namespace Connectors.Testing.Shopify.Internal;

/// <summary>
/// Shopify's published cost rules, implemented independently of the client: scalar 0, object 1, connection
/// 2 + size x child, mutation 10; fragments and inline fragments count where they are spread.
/// </summary>
internal static class EmulatorCost
{
    public static int Requested(string query, JsonObject variables)
    {
        var text = StripComments(query);
        var fragments = new Dictionary<string, string>(StringComparer.Ordinal);
        var idx = 0;
        while ((idx = text.IndexOf("fragment ", idx, StringComparison.Ordinal)) >= 0)
        {
            var nameEnd = text.IndexOf(' ', idx + 9);
            var name = text[(idx + 9)..nameEnd];
            var open = text.IndexOf('{', nameEnd);
            var close = Match(text, open);
            fragments[name] = text[(open + 1)..close];
            idx = close;
        }

        var trimmed = text.TrimStart();
        if (trimmed.StartsWith("mutation", StringComparison.Ordinal))
        {
            return 10;
        }

        var opOpen = OperationBody(text);
        if (opOpen < 0)
        {
            return 1;
        }

        var body = text[(opOpen + 1)..Match(text, opOpen)];
        return Math.Max(1, Cost(body, fragments, variables, 0));
    }

    /// <summary>The actual cost of a response: 1 per object returned, 2 per connection; a mutation costs 10.</summary>
    public static int Actual(JsonNode? data, bool root)
    {
        if (root && data is JsonObject top && top.Count == 1 && top.First().Value is JsonObject payload && payload.ContainsKey("userErrors"))
        {
            return 10;
        }

        return Count(data, root);
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

    private static int OperationBody(string text)
    {
        // The first "{" that is not inside a fragment definition and not inside the variable list.
        var depthParen = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '(')
            {
                depthParen++;
            }
            else if (text[i] == ')')
            {
                depthParen--;
            }
            else if (text[i] == '{' && depthParen == 0)
            {
                var before = text[..i];
                var lastFragment = before.LastIndexOf("fragment ", StringComparison.Ordinal);
                var lastClose = before.LastIndexOf('}');
                if (lastFragment >= 0 && lastFragment > lastClose)
                {
                    i = Match(text, i);
                    continue;
                }

                return i;
            }
        }

        return -1;
    }

    private static int Cost(string selection, Dictionary<string, string> fragments, JsonObject variables, int depth)
    {
        var total = 0;
        var i = 0;
        while (i < selection.Length)
        {
            var c = selection[i];
            if (char.IsWhiteSpace(c) || c == ',')
            {
                i++;
                continue;
            }

            if (selection.AsSpan(i).StartsWith("..."))
            {
                i += 3;
                var word = ReadWord(selection, ref i);
                if (word == "on")
                {
                    ReadWord(selection, ref i);
                    var open = selection.IndexOf('{', i);
                    var close = Match(selection, open);
                    total += Cost(selection[(open + 1)..close], fragments, variables, depth + 1);
                    i = close + 1;
                }
                else if (depth < 10 && fragments.TryGetValue(word, out var fragment))
                {
                    total += Cost(fragment, fragments, variables, depth + 1);
                }

                continue;
            }

            var name = ReadWord(selection, ref i);
            SkipSpace(selection, ref i);
            if (i < selection.Length && selection[i] == ':')
            {
                i++;
                SkipSpace(selection, ref i);
                name = ReadWord(selection, ref i);
                SkipSpace(selection, ref i);
            }

            int? size = null;
            var ids = 0;
            if (i < selection.Length && selection[i] == '(')
            {
                var close = MatchParen(selection, i);
                var args = selection[(i + 1)..close];
                size = ArgInt(args, "first", variables) ?? ArgInt(args, "last", variables);
                ids = ArgListCount(args, "ids", variables);
                i = close + 1;
                SkipSpace(selection, ref i);
            }

            while (i < selection.Length && selection[i] == '@')
            {
                i++;
                ReadWord(selection, ref i);
                SkipSpace(selection, ref i);
                if (i < selection.Length && selection[i] == '(')
                {
                    i = MatchParen(selection, i) + 1;
                    SkipSpace(selection, ref i);
                }
            }

            if (i < selection.Length && selection[i] == '{')
            {
                var close = Match(selection, i);
                var child = Cost(selection[(i + 1)..close], fragments, variables, depth + 1);
                i = close + 1;
                total += size is { } n ? 2 + (n * Math.Max(1, child)) : ids > 0 ? ids * (1 + child) : 1 + child;
            }

            _ = name;
        }

        return total;
    }

    private static int? ArgInt(string args, string name, JsonObject variables)
    {
        var at = FindArg(args, name);
        if (at < 0)
        {
            return null;
        }

        var value = ValueToken(args, at);
        if (value.StartsWith('$'))
        {
            return variables[value[1..]] is JsonValue v && v.TryGetValue<int>(out var n) ? n : 250;
        }

        return int.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out var literal) ? literal : 250;
    }

    private static int ArgListCount(string args, string name, JsonObject variables)
    {
        var at = FindArg(args, name);
        if (at < 0)
        {
            return 0;
        }

        var value = ValueToken(args, at);
        return value.StartsWith('$') && variables[value[1..]] is JsonArray array ? array.Count : 1;
    }

    private static int FindArg(string args, string name)
    {
        var i = 0;
        while ((i = args.IndexOf(name, i, StringComparison.Ordinal)) >= 0)
        {
            var before = i == 0 ? ' ' : args[i - 1];
            var after = i + name.Length;
            while (after < args.Length && char.IsWhiteSpace(args[after]))
            {
                after++;
            }

            if (!char.IsLetterOrDigit(before) && after < args.Length && args[after] == ':')
            {
                return after + 1;
            }

            i += name.Length;
        }

        return -1;
    }

    private static string ValueToken(string args, int at)
    {
        SkipSpace(args, ref at);
        var start = at;
        while (at < args.Length && (char.IsLetterOrDigit(args[at]) || args[at] is '$' or '_'))
        {
            at++;
        }

        return args[start..at];
    }

    private static string ReadWord(string s, ref int i)
    {
        SkipSpace(s, ref i);
        var start = i;
        while (i < s.Length && (char.IsLetterOrDigit(s[i]) || s[i] == '_'))
        {
            i++;
        }

        if (i == start && i < s.Length)
        {
            i++;
        }

        return s[start..i];
    }

    private static void SkipSpace(string s, ref int i)
    {
        while (i < s.Length && (char.IsWhiteSpace(s[i]) || s[i] == ','))
        {
            i++;
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

    private static int MatchParen(string s, int open)
    {
        var depth = 0;
        for (var i = open; i < s.Length; i++)
        {
            if (s[i] == '(')
            {
                depth++;
            }
            else if (s[i] == ')' && --depth == 0)
            {
                return i;
            }
        }

        return s.Length - 1;
    }

    private static string StripComments(string query)
    {
        var lines = query.Split('\n');
        return string.Join('\n', lines.Select(l => l.TrimStart().StartsWith('#') ? string.Empty : l));
    }
}
