using System.Text.Json.Nodes;

namespace Connectors.Testing.Shopify.Internal;

/// <summary>
/// The query of a <c>bulkOperationRunQuery</c>, read as Shopify's bulk rules need it, and the JSONL written from it.
/// Written from Shopify's published rules, not from the client: the mutation's description in the 2026-01/2026-04 schemas
/// ("The query must include at least one connection field and supports up to five connections with a maximum nesting
/// depth of two levels") and the bulk-operations guide (shopify.dev, "Perform bulk operations with the GraphQL Admin
/// API": a single top-level field; "The top-level node and nodes fields can't be used"; the result is JSONL, one object
/// per line, an object of a nested connection carrying <c>__parentId</c>, the id of the connection node it belongs to;
/// <c>groupObjects</c> defaults to false from 2026-01, and then objects are not grouped under their parents).
/// <para>Assumptions (marked so a reader can disagree):</para>
/// <list type="bullet">
/// <item>A field is a connection when its selection holds <c>edges</c> or <c>nodes</c> (the document passed the schema
/// check first, where only connection types have those fields); its own arguments (<c>first</c>, <c>query</c>…) are ignored.</item>
/// <item>The user errors' wording (the code <c>INVALID</c> and field <c>["query"]</c> are from the schema's
/// <c>BulkOperationUserErrorCode</c>).</item>
/// <item>Ungrouped output: the roots are written in batches of ten, each batch followed by its children taken round-robin
/// from the ten parents, so children of different parents interleave (a child never precedes its parent here).</item>
/// <item>Fragments: inline fragments are merged into the selection; named fragments are expanded.</item>
/// </list>
/// </summary>
internal sealed class BulkQuery
{
    /// <summary>Shopify's limits: connections per bulk query and their nesting depth.</summary>
    public const int MaxConnections = 5;

    public const int MaxConnectionDepth = 2;

    private const int UngroupedBatch = 10;

    private BulkQuery(Field root)
    {
        Root = root;
    }

    /// <summary>The single top-level field.</summary>
    public Field Root { get; }

    /// <summary>A field of the selection: name, response key, and its own selection (empty for a scalar).</summary>
    public sealed class Field
    {
        public required string Name { get; init; }

        public required string Key { get; init; }

        /// <summary>The field's arguments as written (only <c>quantities(names:)</c> is honoured).</summary>
        public string? Arguments { get; init; }

        public List<Field> Children { get; } = [];

        public bool IsConnection => Children.Any(c => c.Name is "edges" or "nodes");

        /// <summary>The selection of one node of a connection (<c>nodes { … }</c> or <c>edges { node { … } }</c>, merged).</summary>
        public List<Field> NodeSelection =>
        [
            .. Children.Where(c => c.Name == "nodes").SelectMany(c => c.Children),
            .. Children.Where(c => c.Name == "edges").SelectMany(c => c.Children).Where(c => c.Name == "node").SelectMany(c => c.Children),
        ];
    }

    /// <summary>Reads the query and checks Shopify's bulk rules; the error message when it breaks one.</summary>
    public static (BulkQuery? Query, string? Error) Parse(string text)
    {
        List<Field> top;
        try
        {
            top = new Reader(text).Document();
        }
        catch (FormatException ex)
        {
            return (null, "Invalid bulk query: " + ex.Message);
        }

        if (top.Count != 1)
        {
            return (null, $"Bulk queries must have a single top-level field; this one has {top.Count}.");
        }

        var root = top[0];
        if (root.Name is "node" or "nodes")
        {
            return (null, $"The top-level '{root.Name}' field can't be used in a bulk query.");
        }

        var connections = 0;
        var deepest = 0;
        Count(root, 0, ref connections, ref deepest);
        if (connections == 0)
        {
            return (null, "Bulk queries must contain at least one connection.");
        }

        if (connections > MaxConnections)
        {
            return (null, $"Bulk queries cannot contain more than {MaxConnections} connections; this one has {connections}.");
        }

        if (deepest > MaxConnectionDepth)
        {
            return (null, $"Bulk queries cannot contain connections with a nesting depth greater than {MaxConnectionDepth}; this one nests {deepest} levels.");
        }

        return (new BulkQuery(root), null);
    }

    private static void Count(Field field, int depth, ref int connections, ref int deepest)
    {
        if (field.IsConnection)
        {
            connections++;
            depth++;
            deepest = Math.Max(deepest, depth);
        }

        foreach (var child in field.Children)
        {
            Count(child, depth, ref connections, ref deepest);
        }
    }

    /// <summary>
    /// The JSONL lines for the root connection's nodes (given whole, as the emulator's superset objects, with every nested
    /// connection complete), each projected onto the selection. Returns the lines and the number of root objects.
    /// </summary>
    public (List<string> Lines, int RootObjects) Write(IReadOnlyList<JsonObject> roots, bool groupObjects)
    {
        var lines = new List<string>();
        var selection = Root.IsConnection ? Root.NodeSelection : Root.Children;
        if (groupObjects)
        {
            foreach (var root in roots)
            {
                WriteGrouped(root, selection, null, lines);
            }

            return (lines, roots.Count);
        }

        foreach (var batch in roots.Chunk(UngroupedBatch))
        {
            var pending = new List<Queue<(JsonObject Node, List<Field> Selection, string? Parent)>>();
            foreach (var root in batch)
            {
                var children = new List<(JsonObject, List<Field>, string?)>();
                lines.Add(Project(root, selection, null, children));
                pending.Add(new Queue<(JsonObject, List<Field>, string?)>(children));
            }

            // Round-robin over the parents of the batch: the children of different parents interleave.
            while (pending.Any(q => q.Count > 0))
            {
                foreach (var queue in pending)
                {
                    if (queue.TryDequeue(out var child))
                    {
                        var grandchildren = new List<(JsonObject, List<Field>, string?)>();
                        lines.Add(Project(child.Node, child.Selection, child.Parent, grandchildren));
                        foreach (var grandchild in grandchildren)
                        {
                            queue.Enqueue(grandchild);
                        }
                    }
                }
            }
        }

        return (lines, roots.Count);
    }

    private static void WriteGrouped(JsonObject node, List<Field> selection, string? parent, List<string> lines)
    {
        var children = new List<(JsonObject Node, List<Field> Selection, string? Parent)>();
        lines.Add(Project(node, selection, parent, children));
        foreach (var child in children)
        {
            WriteGrouped(child.Node, child.Selection, child.Parent, lines);
        }
    }

    /// <summary>One line: the node's selected fields, nested connections left out and collected as children of this node.</summary>
    private static string Project(JsonObject node, List<Field> selection, string? parent, List<(JsonObject, List<Field>, string?)> children)
    {
        var id = node["id"]?.GetValue<string>();
        var line = ProjectObject(node, selection, id, children);
        if (parent is not null)
        {
            line["__parentId"] = parent;
        }

        return line.ToJsonString();
    }

    private static JsonObject ProjectObject(JsonObject source, List<Field> selection, string? connectionNodeId, List<(JsonObject, List<Field>, string?)> children)
    {
        var result = new JsonObject();
        foreach (var field in selection)
        {
            if (field.Name == "__typename")
            {
                result[field.Key] = source["__typename"]?.DeepClone();
                continue;
            }

            var value = source[field.Name];
            if (field.Name == "quantities" && value is JsonArray all && field.Arguments is { } names)
            {
                // InventoryLevel.quantities(names:): only the quantities named.
                value = new JsonArray([.. all.Where(q => names.Contains("\"" + q?["name"]?.GetValue<string>() + "\"", StringComparison.Ordinal)).Select(q => q?.DeepClone())]);
            }

            if (field.IsConnection)
            {
                var nodes = value?["nodes"]?.AsArray() ?? [];
                foreach (var item in nodes.OfType<JsonObject>())
                {
                    children.Add((item, field.NodeSelection, connectionNodeId));
                }

                continue;
            }

            result[field.Key] = field.Children.Count == 0
                ? value?.DeepClone()
                : value switch
                {
                    JsonObject obj => ProjectObject(obj, field.Children, connectionNodeId, children),
                    JsonArray array => new JsonArray([.. array.Select(e => e is JsonObject o ? (JsonNode)ProjectObject(o, field.Children, connectionNodeId, children) : e?.DeepClone())]),
                    _ => null,
                };
        }

        return result;
    }

    /// <summary>A reader of an executable document's selection sets (GraphQL spec, section 2): fields, aliases, arguments skipped, fragments expanded.</summary>
    private sealed class Reader
    {
        private readonly string _text;
        private readonly Dictionary<string, int> _fragments = new(StringComparer.Ordinal);
        private int _pos;

        public Reader(string text)
        {
            _text = text;
        }

        public List<Field> Document()
        {
            // Find the fragments first, then the operation's selection set.
            int? operation = null;
            while (Peek() is { } c)
            {
                if (c == '{')
                {
                    operation ??= _pos;
                    SkipBlock();
                }
                else if (Name() is "fragment")
                {
                    var name = Name();
                    while (Peek() is { } d && d != '{')
                    {
                        _pos++;
                    }

                    _fragments[name] = _pos;
                    SkipBlock();
                }
                else
                {
                    // query/keyword, operation name, variable definitions
                    if (Peek() == '(')
                    {
                        SkipParens();
                    }
                    else if (Peek() is { } e && !IsNameChar(e) && e != '{')
                    {
                        _pos++;
                    }
                }
            }

            if (operation is null)
            {
                throw new FormatException("the query has no selection set.");
            }

            _pos = operation.Value;
            return SelectionSet(0);
        }

        private List<Field> SelectionSet(int depth)
        {
            if (depth > 50)
            {
                throw new FormatException("the selection is nested too deep.");
            }

            Expect('{');
            var fields = new List<Field>();
            while (Peek() is { } c && c != '}')
            {
                if (_text.AsSpan(_pos).StartsWith("..."))
                {
                    _pos += 3;
                    var word = Name();
                    if (word is "on" || word.Length == 0)
                    {
                        if (word is "on")
                        {
                            Name();
                        }

                        Directives();
                        Merge(fields, SelectionSet(depth + 1));
                    }
                    else
                    {
                        Directives();
                        if (!_fragments.TryGetValue(word, out var at))
                        {
                            throw new FormatException($"fragment '{word}' is not defined.");
                        }

                        var back = _pos;
                        _pos = at;
                        Merge(fields, SelectionSet(depth + 1));
                        _pos = back;
                    }

                    continue;
                }

                var name = Name();
                if (name.Length == 0)
                {
                    throw new FormatException($"unexpected '{c}' at {_pos}.");
                }

                var key = name;
                if (Peek() == ':')
                {
                    _pos++;
                    name = Name();
                }

                string? arguments = null;
                if (Peek() == '(')
                {
                    var start = _pos;
                    SkipParens();
                    arguments = _text[start.._pos];
                }

                Directives();
                var field = new Field { Name = name, Key = key, Arguments = arguments };
                if (Peek() == '{')
                {
                    field.Children.AddRange(SelectionSet(depth + 1));
                }

                Merge(fields, [field]);
            }

            Expect('}');
            return fields;
        }

        private static void Merge(List<Field> into, List<Field> more)
        {
            foreach (var field in more)
            {
                if (into.FirstOrDefault(f => f.Key == field.Key) is { } same)
                {
                    Merge(same.Children, field.Children);
                }
                else
                {
                    into.Add(field);
                }
            }
        }

        private void Directives()
        {
            while (Peek() == '@')
            {
                _pos++;
                Name();
                if (Peek() == '(')
                {
                    SkipParens();
                }
            }
        }

        private char? Peek()
        {
            while (_pos < _text.Length)
            {
                var c = _text[_pos];
                if (c == '#')
                {
                    while (_pos < _text.Length && _text[_pos] != '\n')
                    {
                        _pos++;
                    }
                }
                else if (char.IsWhiteSpace(c) || c == ',' || c == '\uFEFF')
                {
                    _pos++;
                }
                else
                {
                    return c;
                }
            }

            return null;
        }

        private string Name()
        {
            Peek();
            var start = _pos;
            while (_pos < _text.Length && IsNameChar(_text[_pos]))
            {
                _pos++;
            }

            return _text[start.._pos];
        }

        private static bool IsNameChar(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';

        private void Expect(char c)
        {
            if (Peek() != c)
            {
                throw new FormatException($"expected '{c}' at {_pos}.");
            }

            _pos++;
        }

        private void SkipBlock() => Skip('{', '}');

        private void SkipParens() => Skip('(', ')');

        private void Skip(char open, char close)
        {
            var depth = 0;
            while (_pos < _text.Length)
            {
                var c = _text[_pos];
                if (c == '"')
                {
                    SkipString();
                    continue;
                }

                _pos++;
                if (c == open)
                {
                    depth++;
                }
                else if (c == close && --depth == 0)
                {
                    return;
                }
            }

            throw new FormatException($"'{open}' is not closed.");
        }

        private void SkipString()
        {
            if (_text.AsSpan(_pos).StartsWith("\"\"\""))
            {
                var end = _text.IndexOf("\"\"\"", _pos + 3, StringComparison.Ordinal);
                _pos = end < 0 ? _text.Length : end + 3;
                return;
            }

            _pos++;
            while (_pos < _text.Length && _text[_pos] != '"')
            {
                _pos += _text[_pos] == '\\' ? 2 : 1;
            }

            _pos++;
        }
    }
}
