using System.Globalization;
using System.Text.Json;

namespace Connectors.Shopify.Internal;

/// <summary>
/// Estimates a GraphQL document's requested cost the way Shopify documents it: an object costs 1, a scalar 0, a
/// connection (a field with <c>first</c>/<c>last</c>) 2 plus its size times the cost of one child, a mutation 10.
/// Fragments are inlined. The result is an upper bound; the response's <c>actualQueryCost</c> corrects the bucket.
/// </summary>
internal static class QueryCostEstimator
{
    public static int Estimate(string document, JsonElement variables)
    {
        var tokens = Tokenize(document);
        var fragments = new Dictionary<string, int>(StringComparer.Ordinal);
        var i = 0;
        var operationIsMutation = false;
        var operationStart = -1;
        while (i < tokens.Count)
        {
            if (tokens[i] == "fragment")
            {
                var name = tokens[i + 1];
                i += 4; // fragment Name on Type
                while (i < tokens.Count && tokens[i] != "{")
                {
                    i++;
                }

                var start = i;
                SkipBlock(tokens, ref i);
                fragments[name] = start;
            }
            else if (tokens[i] is "query" or "mutation")
            {
                operationIsMutation = tokens[i] == "mutation";
                while (i < tokens.Count && tokens[i] != "{")
                {
                    if (tokens[i] == "(")
                    {
                        SkipParens(tokens, ref i);
                        continue;
                    }

                    i++;
                }

                operationStart = i;
                SkipBlock(tokens, ref i);
            }
            else
            {
                i++;
            }
        }

        if (operationStart < 0)
        {
            return 1;
        }

        if (operationIsMutation)
        {
            return 10;
        }

        var pos = operationStart;
        return Math.Max(1, SelectionCost(tokens, ref pos, fragments, variables, 0));
    }

    // tokens[pos] == "{"; returns the cost of the selection set and leaves pos after the matching "}".
    private static int SelectionCost(List<string> tokens, ref int pos, Dictionary<string, int> fragments, JsonElement variables, int depth)
    {
        pos++; // {
        var total = 0;
        while (pos < tokens.Count && tokens[pos] != "}")
        {
            var token = tokens[pos];
            if (token == "...")
            {
                pos++;
                if (tokens[pos] == "on")
                {
                    pos += 2;
                    SkipDirectives(tokens, ref pos);
                    total += SelectionCost(tokens, ref pos, fragments, variables, depth + 1);
                }
                else
                {
                    var name = tokens[pos++];
                    SkipDirectives(tokens, ref pos);
                    if (depth < 16 && fragments.TryGetValue(name, out var start))
                    {
                        var p = start;
                        total += SelectionCost(tokens, ref p, fragments, variables, depth + 1);
                    }
                }

                continue;
            }

            var field = tokens[pos++]; // field name or alias
            if (pos < tokens.Count && tokens[pos] == ":")
            {
                field = tokens[pos + 1];
                pos += 2; // alias: field
            }

            int? size = null;
            var isIdList = false;
            var idCount = 0;
            if (pos < tokens.Count && tokens[pos] == "(")
            {
                pos++;
                while (tokens[pos] != ")")
                {
                    var arg = tokens[pos];
                    pos += 2; // name :
                    if (arg is "first" or "last")
                    {
                        size = ResolveInt(tokens[pos], variables);
                    }
                    else if (arg == "ids")
                    {
                        isIdList = true;
                        idCount = ResolveListCount(tokens[pos], variables);
                    }

                    SkipValue(tokens, ref pos);
                }

                pos++; // )
            }

            SkipDirectives(tokens, ref pos);
            if (pos < tokens.Count && tokens[pos] == "{")
            {
                var child = SelectionCost(tokens, ref pos, fragments, variables, depth + 1);
                if (field == "pageInfo")
                {
                    // Once per connection, inside its 2 points: counted per node it would multiply by the page size.
                    continue;
                }

                if (size is { } n)
                {
                    total += 2 + (n * Math.Max(1, child));
                }
                else if (isIdList)
                {
                    total += Math.Max(1, idCount) * (1 + child);
                }
                else
                {
                    total += 1 + child;
                }
            }
        }

        pos++; // }
        return total;
    }

    private static int ResolveInt(string token, JsonElement variables)
    {
        if (token.StartsWith('$'))
        {
            return variables.ValueKind == JsonValueKind.Object && variables.TryGetProperty(token[1..], out var value) && value.ValueKind == JsonValueKind.Number
                ? value.GetInt32()
                : 250;
        }

        return int.TryParse(token, NumberStyles.Integer, CultureInfo.InvariantCulture, out var literal) ? literal : 250;
    }

    private static int ResolveListCount(string token, JsonElement variables) =>
        token.StartsWith('$') && variables.ValueKind == JsonValueKind.Object && variables.TryGetProperty(token[1..], out var value) && value.ValueKind == JsonValueKind.Array
            ? value.GetArrayLength()
            : 1;

    private static void SkipDirectives(List<string> tokens, ref int pos)
    {
        while (pos < tokens.Count && tokens[pos].StartsWith('@'))
        {
            pos++;
            if (pos < tokens.Count && tokens[pos] == "(")
            {
                SkipParens(tokens, ref pos);
            }
        }
    }

    private static void SkipValue(List<string> tokens, ref int pos)
    {
        var token = tokens[pos];
        if (token is "[" or "{")
        {
            var close = token == "[" ? "]" : "}";
            var depth = 0;
            do
            {
                if (tokens[pos] == token)
                {
                    depth++;
                }
                else if (tokens[pos] == close)
                {
                    depth--;
                }

                pos++;
            }
            while (depth > 0 && pos < tokens.Count);
            return;
        }

        pos++;
    }

    private static void SkipParens(List<string> tokens, ref int pos)
    {
        var depth = 0;
        do
        {
            if (tokens[pos] == "(")
            {
                depth++;
            }
            else if (tokens[pos] == ")")
            {
                depth--;
            }

            pos++;
        }
        while (depth > 0 && pos < tokens.Count);
    }

    private static void SkipBlock(List<string> tokens, ref int pos)
    {
        var depth = 0;
        do
        {
            if (tokens[pos] == "{")
            {
                depth++;
            }
            else if (tokens[pos] == "}")
            {
                depth--;
            }

            pos++;
        }
        while (depth > 0 && pos < tokens.Count);
    }

    private static List<string> Tokenize(string document)
    {
        var tokens = new List<string>();
        var i = 0;
        while (i < document.Length)
        {
            var c = document[i];
            if (char.IsWhiteSpace(c) || c == ',')
            {
                i++;
            }
            else if (c == '#')
            {
                while (i < document.Length && document[i] != '\n')
                {
                    i++;
                }
            }
            else if (c == '"')
            {
                var start = i++;
                while (i < document.Length && document[i] != '"')
                {
                    i += document[i] == '\\' ? 2 : 1;
                }

                i++;
                tokens.Add(document[start..Math.Min(i, document.Length)]);
            }
            else if (c == '.' && i + 2 < document.Length && document[i + 1] == '.' && document[i + 2] == '.')
            {
                tokens.Add("...");
                i += 3;
            }
            else if ("{}()[]:!=".Contains(c, StringComparison.Ordinal))
            {
                tokens.Add(c.ToString());
                i++;
            }
            else
            {
                var start = i;
                while (i < document.Length && (char.IsLetterOrDigit(document[i]) || document[i] is '_' or '$' or '@' or '-' or '.'))
                {
                    i++;
                }

                if (i == start)
                {
                    i++;
                    continue;
                }

                tokens.Add(document[start..i]);
            }
        }

        return tokens;
    }
}
