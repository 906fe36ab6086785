using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using CsCheck;

namespace Connectors.Reliability.Tests.Fuzzing;

/// <summary>
/// Inputs for the parser fuzzers: the documented payloads mutated (a value replaced by a hostile one, a property removed,
/// text truncated, bytes flipped, spans duplicated) and random JSON. The budget per target is a few seconds in CI;
/// <c>CONNECTORS_FUZZ_SECONDS</c> sets a longer one.
/// </summary>
internal static class JsonMutator
{
    private static readonly Func<Random, JsonNode?>[] Hostile =
    [
        _ => null,
        _ => JsonValue.Create(string.Empty),
        _ => JsonValue.Create("x"),
        _ => JsonValue.Create("gid://shopify/Order/abc"),
        _ => JsonValue.Create("99999999999999999999999999"),
        _ => JsonValue.Create("-1"),
        _ => JsonValue.Create("2026-13-45T99:99:99"),
        _ => JsonValue.Create(0),
        _ => JsonValue.Create(-1),
        _ => JsonValue.Create(long.MaxValue),
        _ => JsonValue.Create(1e308),
        _ => JsonValue.Create(0.5m),
        _ => JsonValue.Create(true),
        _ => new JsonArray(),
        _ => new JsonObject(),
        r => new JsonArray(JsonValue.Create(r.Next()), null, new JsonObject()),
        r => new JsonObject { ["id"] = r.Next(), ["admin_graphql_api_id"] = 5 },
        r => JsonValue.Create(new string('é', r.Next(1, 50))),
    ];

    /// <summary>Seconds of fuzzing per target.</summary>
    public static int Seconds =>
        int.TryParse(Environment.GetEnvironmentVariable("CONNECTORS_FUZZ_SECONDS"), NumberStyles.None, CultureInfo.InvariantCulture, out var s) && s > 0 ? s : 3;

    /// <summary>A generator of (seed index, mutated text): 1 in 8 is random JSON instead of a mutation.</summary>
    public static Gen<(int Seed, string Text)> Inputs(IReadOnlyList<string> seeds) =>
        Gen.Select(Gen.Int[0, seeds.Count - 1], Gen.Int[0, 7], Gen.Int)
            .Select(t => (t.Item1, Mutate(seeds[t.Item1], t.Item2, new Random(t.Item3))));

    private static string Mutate(string seed, int kind, Random random) => kind switch
    {
        0 or 1 or 2 => Structural(seed, random, 1 + kind),
        3 => seed[..random.Next(seed.Length)],
        4 => Flip(seed, random),
        5 => Splice(seed, random),
        6 => RemoveProperty(seed, random),
        _ => RandomJson(random, 0)?.ToJsonString() ?? "null",
    };

    private static string Structural(string seed, Random random, int edits)
    {
        var root = JsonNode.Parse(seed);
        for (var i = 0; i < edits && root is not null; i++)
        {
            var nodes = new List<JsonNode>();
            Collect(root, nodes);
            var target = nodes[random.Next(nodes.Count)];
            var replacement = Hostile[random.Next(Hostile.Length)](random);
            if (target.Parent is JsonObject parent)
            {
                parent[target.GetPropertyName()] = replacement;
            }
            else if (target.Parent is JsonArray array)
            {
                array[target.GetElementIndex()] = replacement;
            }
            else
            {
                root = replacement;
            }
        }

        return root?.ToJsonString() ?? "null";
    }

    private static string RemoveProperty(string seed, Random random)
    {
        var root = JsonNode.Parse(seed);
        var nodes = new List<JsonNode>();
        if (root is not null)
        {
            Collect(root, nodes);
        }

        var properties = nodes.Where(n => n.Parent is JsonObject).ToList();
        if (properties.Count > 0)
        {
            var target = properties[random.Next(properties.Count)];
            ((JsonObject)target.Parent!).Remove(target.GetPropertyName());
        }

        return root?.ToJsonString() ?? "null";
    }

    private static void Collect(JsonNode node, List<JsonNode> into)
    {
        into.Add(node);
        switch (node)
        {
            case JsonObject o:
                foreach (var (_, child) in o)
                {
                    if (child is not null)
                    {
                        Collect(child, into);
                    }
                }

                break;
            case JsonArray a:
                foreach (var child in a)
                {
                    if (child is not null)
                    {
                        Collect(child, into);
                    }
                }

                break;
        }
    }

    private static string Flip(string seed, Random random)
    {
        var chars = seed.ToCharArray();
        for (var i = 0; i < 1 + random.Next(4); i++)
        {
            const string pool = "{}[]\",:0-9aé\\\0 ";
            chars[random.Next(chars.Length)] = pool[random.Next(pool.Length)];
        }

        return new string(chars);
    }

    private static string Splice(string seed, Random random)
    {
        var start = random.Next(seed.Length);
        var length = random.Next(Math.Min(200, seed.Length - start) + 1);
        var at = random.Next(seed.Length);
        return random.Next(2) == 0
            ? seed.Insert(at, seed.Substring(start, length))
            : seed.Remove(start, length);
    }

    private static JsonNode? RandomJson(Random random, int depth)
    {
        var kind = depth > 3 ? random.Next(5) : random.Next(7);
        switch (kind)
        {
            case 0: return null;
            case 1: return JsonValue.Create(random.Next(-5, 1000));
            case 2: return JsonValue.Create(random.Next(2) == 0);
            case 3: return JsonValue.Create(new string((char)random.Next(32, 0x2FF), random.Next(0, 8)));
            case 4: return JsonValue.Create(random.NextDouble() * 1e6);
            case 5:
                var array = new JsonArray();
                for (var i = random.Next(4); i > 0; i--)
                {
                    array.Add(RandomJson(random, depth + 1));
                }

                return array;
            default:
                var names = new[] { "id", "line_items", "quantity", "admin_graphql_api_id", "currency", "status", "data", "order", "nodes", "errors", "extensions", "date_modified_gmt", "sku", "product_id", "return_line_items", "available", "total", "meta_data" };
                var o = new JsonObject();
                for (var i = random.Next(5); i > 0; i--)
                {
                    o[names[random.Next(names.Length)]] = RandomJson(random, depth + 1);
                }

                return o;
        }
    }

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
