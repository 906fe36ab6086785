using System.Text.Json;
using System.Text.RegularExpressions;
using Connectors.Testing;
using Microsoft.OData;
using Microsoft.OData.Edm;
using Microsoft.OData.UriParser;
using Connectors.Testing.SapEwm;

namespace Connectors.Warehouse.SapEwm.Tests;

/// <summary>
/// Checks requests against SAP's published specifications, independently of the emulator: the URL is parsed with
/// <see cref="ODataUriParser"/> against the service's EDM model (entity sets, keys, properties in <c>$filter</c>,
/// <c>$select</c>, <c>$expand</c>, <c>$orderby</c>, literal types, bound action names); the method and path must be an
/// operation of the service's OpenAPI file; the body must only hold properties of the operation's request schema
/// (the <c>-create</c>/<c>-update</c> schemas list what SAP lets a client write), with V2 decimals as strings and strings
/// within their length.
/// </summary>
internal static class SpecValidator
{
    private static readonly Lazy<Spec[]> Specs = new(() =>
    [
        new Spec(SapEwmEmulator.StockServicePath, 4, SapEwmSpecs.AvailableStock, Load("sap-ewm/WAREHOUSEAVAILABLESTOCK_0001.json"), ODataUrlKeyDelimiter.Parentheses),
        new Spec(SapEwmEmulator.DeliveryServicePath, 4, SapEwmSpecs.OutboundDeliveryOrder, Load("sap-ewm/warehouse-outbound-delivery-order.json"), ODataUrlKeyDelimiter.Slash),
        new Spec(SapEwmEmulator.SalesOrderServicePath, 2, SapEwmSpecs.SalesOrder, Load("sap-ewm/sales-order.json"), ODataUrlKeyDelimiter.Parentheses),
        new Spec(SapEwmEmulator.CustomerReturnServicePath, 2, SapEwmSpecs.CustomerReturn, Load("sap-ewm/customer-return.json"), ODataUrlKeyDelimiter.Parentheses),
        new Spec(SapEwmEmulator.HandlingUnitServicePath, 4, SapEwmSpecs.HandlingUnit, Load("sap-ewm/handling-unit.json"), ODataUrlKeyDelimiter.Slash),

        // Only the EDMX of these two was published: URLs are checked against it; the adapter only reads them.
        new Spec(SapEwmEmulator.ReturnsInspectionServicePath, 4, SapEwmSpecs.ReturnsInspection, null, ODataUrlKeyDelimiter.Parentheses),
        new Spec(SapEwmEmulator.WarehouseTaskServicePath, 4, SapEwmSpecs.WarehouseOrderTask, null, ODataUrlKeyDelimiter.Parentheses),
    ]);

    public static void AssertValid(IEnumerable<SapEwmEmulatorRequest> requests)
    {
        var problems = requests.SelectMany(Validate).ToList();
        Assert.True(problems.Count == 0, "Requests that disagree with SAP's specs:\n" + string.Join("\n", problems));
    }

    public static IEnumerable<string> Validate(SapEwmEmulatorRequest request)
    {
        if (request.Path.StartsWith("/oauth/", StringComparison.Ordinal))
        {
            yield break;
        }

        var spec = Specs.Value.FirstOrDefault(s => request.Path.StartsWith(s.Path, StringComparison.Ordinal));
        if (spec is null)
        {
            yield return $"{request.Method} {request.Path}: not a path of any of the services";
            yield break;
        }

        var resource = request.Path[spec.Path.Length..];
        if (resource is "" or "$metadata")
        {
            if (request.Method != "GET")
            {
                yield return $"{request.Method} {request.Path}: only GET reaches the service root or $metadata";
            }

            yield break; // the service document answers the CSRF token fetch
        }

        var what = $"{request.Method} {resource}{request.Query}";
        var problems = new List<string>();
        var query = string.Join('&', request.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries).Where(p => !p.StartsWith("sap-client=", StringComparison.Ordinal)));
        var qualified = resource.Replace("SAP__self.", spec.Model.DeclaredNamespaces.First() + ".", StringComparison.Ordinal);
        if (spec.KeyDelimiter == ODataUrlKeyDelimiter.Slash)
        {
            // ODataUriParser reads key-as-segment for single keys only; SAP's OpenAPI gives composite keys as one segment
            // per key property (checked against the OpenAPI path below), so the URL is parsed in the parentheses form.
            qualified = KeysToParentheses(spec.Model, qualified);
        }
        try
        {
            var parser = new ODataUriParser(spec.Model, new Uri("http://host/service/"), new Uri(Uri.EscapeDataString(qualified).Replace("%2F", "/", StringComparison.Ordinal) + (query.Length > 0 ? "?" + query : string.Empty), UriKind.Relative))
            {
                UrlKeyDelimiter = ODataUrlKeyDelimiter.Parentheses,
                Resolver = new ODataUriResolver { EnableCaseInsensitive = false },
            };
            var path = parser.ParsePath();
            parser.ParseFilter();
            parser.ParseSelectAndExpand();
            parser.ParseOrderBy();
            parser.ParseTop();
            parser.ParseSkip();
            if (request.Method == "POST" && path.LastSegment is OperationSegment operation && request.Body.Length > 0)
            {
                using var body = JsonDocument.Parse(request.Body);
                var action = operation.Operations.First();
                foreach (var parameter in body.RootElement.EnumerateObject())
                {
                    if (action.FindParameter(parameter.Name) is null || parameter.Name == action.Parameters.First().Name)
                    {
                        problems.Add($"{what}: action {action.Name} has no parameter '{parameter.Name}'");
                    }
                }
            }
        }
        catch (ODataException ex)
        {
            problems.Add($"{what}: {ex.Message}");
        }

        var operationSpec = spec.Operation(request.Method, "/" + resource);
        if (spec.OpenApi is null)
        {
            if (request.Method != "GET")
            {
                problems.Add($"{what}: the adapter only reads this service");
            }
        }
        else if (operationSpec is null)
        {
            problems.Add($"{what}: the OpenAPI file has no {request.Method} operation on this path");
        }
        else if (request.Body.Length > 0 && request.Method is "POST" or "PATCH" or "PUT")
        {
            if (operationSpec.Value.TryGetProperty("requestBody", out var requestBody))
            {
                var schema = requestBody.GetProperty("content").GetProperty("application/json").GetProperty("schema");
                using var body = JsonDocument.Parse(request.Body);
                CheckBody(spec, body.RootElement, schema, resource, problems, what);
            }
            else if (request.Body.Trim() is not ("{}" or ""))
            {
                problems.Add($"{what}: the operation takes no request body, but one was sent: {request.Body}");
            }
        }

        foreach (var problem in problems)
        {
            yield return problem;
        }
    }

    private static string KeysToParentheses(IEdmModel model, string resource)
    {
        var segments = resource.Split('/').ToList();
        if (SapEwmSpecs.EntitySet(model, segments[0]) is not { } set)
        {
            return resource;
        }

        var keys = set.EntityType.Key().ToList();
        if (segments.Count <= keys.Count || segments.Skip(1).Take(keys.Count).Any(s => s.StartsWith('_') || s.Contains('.', StringComparison.Ordinal)))
        {
            return resource;
        }

        var predicate = string.Join(',', keys.Select((k, i) => $"{k.Name}='{Uri.UnescapeDataString(segments[i + 1]).Replace("'", "''", StringComparison.Ordinal)}'"));
        return segments[0] + "(" + predicate + ")" + string.Concat(segments.Skip(keys.Count + 1).Select(s => "/" + s));
    }

    private static void CheckBody(Spec spec, JsonElement value, JsonElement schema, string path, List<string> problems, string what)
    {
        schema = spec.Resolve(schema);
        if (schema.TryGetProperty("allOf", out var all))
        {
            foreach (var part in all.EnumerateArray())
            {
                CheckBody(spec, value, part, path, problems, what);
            }

            return;
        }

        if (value.ValueKind == JsonValueKind.Array)
        {
            if (!schema.TryGetProperty("items", out var items))
            {
                problems.Add($"{what}: {path} is an array where the spec has none");
                return;
            }

            var i = 0;
            foreach (var element in value.EnumerateArray())
            {
                CheckBody(spec, element, items, $"{path}[{i++}]", problems, what);
            }

            return;
        }

        if (value.ValueKind == JsonValueKind.Object)
        {
            if (!schema.TryGetProperty("properties", out var properties))
            {
                problems.Add($"{what}: {path} is an object where the spec has a {schema.GetRawText()}");
                return;
            }

            foreach (var property in value.EnumerateObject())
            {
                if (!properties.TryGetProperty(property.Name, out var propertySchema))
                {
                    problems.Add($"{what}: {path}/{property.Name} is not in the request schema (not a property the API lets a client write)");
                    continue;
                }

                CheckBody(spec, property.Value, propertySchema, path + "/" + property.Name, problems, what);
            }

            return;
        }

        var format = schema.TryGetProperty("format", out var f) ? f.GetString() : null;
        if (format == "decimal" && spec.Version == 2 && value.ValueKind != JsonValueKind.String)
        {
            problems.Add($"{what}: {path} is an Edm.Decimal, which OData V2 writes as a JSON string, but was {value.ValueKind}");
        }

        if (value.ValueKind == JsonValueKind.String && schema.TryGetProperty("maxLength", out var max) && value.GetString()!.Length > max.GetInt32())
        {
            problems.Add($"{what}: {path} is {value.GetString()!.Length} characters; the spec allows {max.GetInt32()}");
        }

        if (schema.TryGetProperty("type", out var type) && type.GetString() is { } expected)
        {
            var ok = (expected, value.ValueKind) switch
            {
                ("string", JsonValueKind.String) => true,
                ("boolean", JsonValueKind.True or JsonValueKind.False) => true,
                ("number" or "integer", JsonValueKind.Number) => true,
                (_, JsonValueKind.Null) => schema.TryGetProperty("nullable", out var n) && n.GetBoolean(),
                _ => false,
            };
            if (!ok)
            {
                problems.Add($"{what}: {path} should be {expected} but was {value.ValueKind}");
            }
        }
    }

    private static JsonDocument Load(string relativePath) => JsonDocument.Parse(ContractFiles.ReadText(relativePath));

    private sealed record Spec(string Path, int Version, IEdmModel Model, JsonDocument? OpenApi, ODataUrlKeyDelimiter KeyDelimiter)
    {
        private readonly List<(Regex Pattern, JsonElement Item)> _paths = OpenApi is null ? [] : [.. OpenApi.RootElement.GetProperty("paths").EnumerateObject()
            .Select(p => (new Regex("^" + Regex.Replace(Regex.Escape(p.Name), @"\\\{[^}]+\}", "[^/']*") + "$"), p.Value))];

        public JsonElement? Operation(string method, string resource)
        {
            foreach (var (pattern, item) in _paths)
            {
                if (pattern.IsMatch(resource) && item.TryGetProperty(method.ToLowerInvariant(), out var operation))
                {
                    return operation;
                }
            }

            return null;
        }

        public JsonElement Resolve(JsonElement schema)
        {
            while (schema.TryGetProperty("$ref", out var reference))
            {
                var name = reference.GetString()!["#/components/schemas/".Length..];
                schema = OpenApi!.RootElement.GetProperty("components").GetProperty("schemas").GetProperty(name);
            }

            return schema;
        }
    }
}
