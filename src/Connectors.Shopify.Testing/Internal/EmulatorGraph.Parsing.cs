using System.Globalization;
using System.Text.Json.Nodes;

namespace Connectors.Testing.Shopify.Internal;

internal sealed partial class EmulatorGraph
{
    /// <summary>The first root field of the operation and its arguments, variables resolved.</summary>
    internal static (string Field, JsonObject Args) RootField(string query, JsonObject variables)
    {
        var text = query;
        var i = 0;
        var depthParen = 0;
        var open = -1;
        while (i < text.Length)
        {
            if (text.AsSpan(i).StartsWith("fragment ") && depthParen == 0)
            {
                var brace = text.IndexOf('{', i);
                i = EmulatorCost.Match(text, brace) + 1;
                continue;
            }

            var c = text[i];
            if (c == '#')
            {
                while (i < text.Length && text[i] != '\n')
                {
                    i++;
                }

                continue;
            }

            if (c == '(')
            {
                depthParen++;
            }
            else if (c == ')')
            {
                depthParen--;
            }
            else if (c == '{' && depthParen == 0)
            {
                open = i;
                break;
            }

            i++;
        }

        if (open < 0)
        {
            throw new EmulatorException("Parse error: no selection set.", "PARSE_ERROR");
        }

        i = open + 1;
        var name = Word(text, ref i);
        Skip(text, ref i);
        if (i < text.Length && text[i] == ':')
        {
            i++;
            name = Word(text, ref i);
            Skip(text, ref i);
        }

        var args = new JsonObject();
        if (i < text.Length && text[i] == '(')
        {
            i++;
            while (true)
            {
                Skip(text, ref i);
                if (text[i] == ')')
                {
                    break;
                }

                var argName = Word(text, ref i);
                Skip(text, ref i);
                i++; // :
                Skip(text, ref i);
                args[argName] = Value(text, ref i, variables);
            }
        }

        return (name, args);
    }

    private static JsonNode? Value(string text, ref int i, JsonObject variables)
    {
        Skip(text, ref i);
        var c = text[i];
        if (c == '$')
        {
            i++;
            var variable = Word(text, ref i);
            return variables[variable]?.DeepClone();
        }

        if (c == '"')
        {
            var start = ++i;
            while (text[i] != '"')
            {
                i += text[i] == '\\' ? 2 : 1;
            }

            return JsonValue.Create(text[start..i++]);
        }

        if (c == '[')
        {
            i++;
            var array = new JsonArray();
            while (true)
            {
                Skip(text, ref i);
                if (text[i] == ']')
                {
                    i++;
                    return array;
                }

                array.Add(Value(text, ref i, variables));
            }
        }

        if (c == '{')
        {
            i++;
            var obj = new JsonObject();
            while (true)
            {
                Skip(text, ref i);
                if (text[i] == '}')
                {
                    i++;
                    return obj;
                }

                var key = Word(text, ref i);
                Skip(text, ref i);
                i++;
                obj[key] = Value(text, ref i, variables);
            }
        }

        var word = Word(text, ref i);
        if (word is "true" or "false")
        {
            return JsonValue.Create(word == "true");
        }

        if (word == "null")
        {
            return null;
        }

        return long.TryParse(word, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? JsonValue.Create(n) : JsonValue.Create(word);
    }

    private static string Word(string text, ref int i)
    {
        Skip(text, ref i);
        var start = i;
        while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] is '_' or '-' or '.'))
        {
            i++;
        }

        return text[start..i];
    }

    private static void Skip(string text, ref int i)
    {
        while (i < text.Length && (char.IsWhiteSpace(text[i]) || text[i] == ','))
        {
            i++;
        }
    }
}
