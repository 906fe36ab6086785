using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Connectors.Testing;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;
using Microsoft.OpenApi.YamlReader;
using Connectors.Testing.Magento;

namespace Connectors.Magento.Tests;

/// <summary>
/// Magento's published admin OpenAPI documents (2.4.8 and 2.4.9, Swagger 2.0) read with Microsoft.OpenApi, and a checker
/// of requests (path template, method, query parameter names, JSON body against the body schema) and of response bodies.
/// </summary>
internal sealed partial class OpenApiContract
{
    private static readonly Lazy<Task<IReadOnlyList<OpenApiContract>>> Loaded = new(LoadAllAsync);

    private OpenApiContract(string version, OpenApiDocument document)
    {
        Version = version;
        Document = document;
    }

    public string Version { get; }

    public OpenApiDocument Document { get; }

    public static Task<IReadOnlyList<OpenApiContract>> AllAsync() => Loaded.Value;

    private static async Task<IReadOnlyList<OpenApiContract>> LoadAllAsync()
    {
        var list = new List<OpenApiContract>();
        foreach (var version in new[] { "2.4.8", "2.4.9" })
        {
            var settings = new OpenApiReaderSettings();
            settings.AddYamlReader();
            await using var stream = File.OpenRead(ContractFiles.PathOf($"magento/admin-schema-{version}.yaml"));
            var result = await OpenApiDocument.LoadAsync(stream, "yaml", settings);
            list.Add(new OpenApiContract(version, result.Document ?? throw new InvalidOperationException($"admin-schema-{version}.yaml did not load: {string.Join("; ", result.Diagnostic?.Errors.Select(e => e.Message) ?? [])}")));
        }

        return list;
    }

    /// <summary>Finds the operation of a request path such as <c>/V1/order/12/ship</c>; null when no path template matches.</summary>
    public (string Template, OpenApiOperation Operation)? Find(string method, string path)
    {
        foreach (var (template, item) in Document.Paths)
        {
            var pattern = "^" + TemplateParameter().Replace(Regex.Escape(template).Replace(@"\{", "{", StringComparison.Ordinal), "[^/]+") + "$";
            if (Regex.IsMatch(path, pattern) && item.Operations is { } operations && operations.TryGetValue(new HttpMethod(method), out var operation))
            {
                // A literal template (/V1/orders/items) wins over a parameter one (/V1/orders/{id}).
                var literal = Document.Paths.Keys.FirstOrDefault(k => k == path);
                if (literal is not null && literal != template && Document.Paths[literal].Operations?.TryGetValue(new HttpMethod(method), out var exact) == true)
                {
                    return (literal, exact);
                }

                return (template, operation);
            }
        }

        return null;
    }

    /// <summary>Every problem of one request against this document; empty when it conforms.</summary>
    public List<string> Check(MagentoEmulatorRequest request)
    {
        var problems = new List<string>();
        if (request.Path.StartsWith("/async/bulk/V1/", StringComparison.Ordinal))
        {
            // The asynchronous bulk API is not in the documents: it takes an array of the synchronous operation's bodies.
            if (JsonNode.Parse(request.Body ?? "null") is not JsonArray array)
            {
                return [$"{Version}: {request.Method} {request.Path} needs an array of request bodies"];
            }

            return array.SelectMany(element => Check(new MagentoEmulatorRequest
            {
                Method = request.Method,
                Path = request.Path["/async/bulk".Length..],
                Query = request.Query,
                Body = element?.ToJsonString(),
            })).ToList();
        }

        if (Find(request.Method, request.Path) is not var (template, operation))
        {
            problems.Add($"{Version}: no operation {request.Method} {request.Path}");
            return problems;
        }

        var documented = (operation.Parameters ?? []).Where(p => p.In == ParameterLocation.Query).Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var (key, _) in request.Query)
        {
            var normalized = Index().Replace(key, "[0]");
            if (!documented.Contains(normalized))
            {
                problems.Add($"{Version}: {request.Method} {template} has no query parameter '{key}'");
            }
        }

        var bodySchema = operation.RequestBody?.Content?.TryGetValue("application/json", out var media) == true ? media.Schema : null;
        if (request.Body is { Length: > 0 } body)
        {
            if (bodySchema is null)
            {
                problems.Add($"{Version}: {request.Method} {template} takes no body");
            }
            else
            {
                var found = new List<string>();
                Validate(JsonNode.Parse(body), bodySchema, "$", strict: true, found);

                // The stock item schema lists low_stock_date as required, yet the store answers it null for nearly every
                // product and merges a saved stock item's given fields onto the stored one: leaving it out keeps it.
                problems.AddRange(template == "/V1/products/{productSku}/stockItems/{itemId}" ? found.Where(p => p != "$.stockItem.low_stock_date is required") : found);
            }
        }
        else if (bodySchema is not null && operation.RequestBody?.Required == true)
        {
            problems.Add($"{Version}: {request.Method} {template} needs a body");
        }

        return problems.Select(p => $"{p} ({request.Method} {request.Path})").ToList();
    }

    /// <summary>Problems of a 200 response body against the operation's response schema.</summary>
    public List<string> CheckResponse(string method, string path, JsonNode? body)
    {
        var problems = new List<string>();
        if (Find(method, path) is not var (template, operation))
        {
            problems.Add($"{Version}: no operation {method} {path}");
            return problems;
        }

        var schema = operation.Responses?.TryGetValue("200", out var ok) == true && ok.Content?.TryGetValue("application/json", out var media) == true ? media.Schema : null;
        if (schema is null)
        {
            problems.Add($"{Version}: {method} {template} documents no 200 JSON body");
            return problems;
        }

        Validate(body, schema, "$", strict: false, problems);
        return problems;
    }

    /// <summary>
    /// Checks a JSON value against a schema: types, required properties, items; with <paramref name="strict"/> a property the
    /// schema does not name is a problem (Magento's input processor refuses a field without a setter).
    /// </summary>
    public static void Validate(JsonNode? node, IOpenApiSchema schema, string at, bool strict, List<string> problems)
    {
        if (node is null)
        {
            if (strict)
            {
                problems.Add($"{at} is null");
            }

            return;
        }

        var type = schema.Type ?? (schema.Properties is { Count: > 0 } ? JsonSchemaType.Object : null);
        switch (type)
        {
            case { } t when t.HasFlag(JsonSchemaType.Object):
                if (node is not JsonObject obj)
                {
                    problems.Add($"{at} should be an object");
                    return;
                }

                foreach (var required in schema.Required ?? new HashSet<string>())
                {
                    if (!obj.ContainsKey(required))
                    {
                        problems.Add($"{at}.{required} is required");
                    }
                }

                foreach (var (name, value) in obj)
                {
                    if (schema.Properties?.TryGetValue(name, out var property) == true)
                    {
                        Validate(value, property, at + "." + name, strict, problems);
                    }
                    else if (strict && schema.AdditionalProperties is null)
                    {
                        problems.Add($"{at}.{name} is not in the schema");
                    }
                }

                break;
            case { } t when t.HasFlag(JsonSchemaType.Array):
                if (node is not JsonArray array)
                {
                    problems.Add($"{at} should be an array");
                    return;
                }

                for (var i = 0; i < array.Count; i++)
                {
                    if (schema.Items is { } items)
                    {
                        Validate(array[i], items, $"{at}[{i}]", strict, problems);
                    }
                }

                break;
            case { } t when t.HasFlag(JsonSchemaType.Integer):
                if (node is not JsonValue iv || !iv.TryGetValue<long>(out _))
                {
                    problems.Add($"{at} should be an integer (is {node.ToJsonString()})");
                }

                break;
            case { } t when t.HasFlag(JsonSchemaType.Number):
                if (node is not JsonValue nv || !nv.TryGetValue<decimal>(out _))
                {
                    problems.Add($"{at} should be a number (is {node.ToJsonString()})");
                }

                break;
            case { } t when t.HasFlag(JsonSchemaType.String):
                if (node is not JsonValue sv || !sv.TryGetValue<string>(out _))
                {
                    problems.Add($"{at} should be a string (is {node.ToJsonString()})");
                }

                break;
            case { } t when t.HasFlag(JsonSchemaType.Boolean):
                if (node is not JsonValue bv || !bv.TryGetValue<bool>(out _))
                {
                    problems.Add($"{at} should be a boolean (is {node.ToJsonString()})");
                }

                break;
        }
    }

    [GeneratedRegex(@"\\?\{[^}/]+\}")]
    private static partial Regex TemplateParameter();

    [GeneratedRegex(@"\[\d+\]")]
    private static partial Regex Index();
}
