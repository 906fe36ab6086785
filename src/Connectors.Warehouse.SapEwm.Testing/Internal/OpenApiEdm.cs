using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.OData.Edm;

namespace Connectors.Testing.SapEwm.Internal;

/// <summary>
/// Builds an EDM model from one of SAP's OData OpenAPI files (api.sap.com): entity types from the component schemas,
/// entity sets from the collection paths and their keys from the key paths (<c>/Set('{K}')</c>,
/// <c>/Set(K1='{K1}',K2='{K2}')</c> or <c>/Set/{K1}/{K2}</c>), navigation properties from references between entity
/// schemas, and bound actions from <c>…/SAP__self.Name</c> POST paths.
/// </summary>
internal static partial class OpenApiEdm
{
    public static IEdmModel Build(string openApiJson)
    {
        using var document = JsonDocument.Parse(openApiJson);
        var root = document.RootElement;
        var schemas = root.GetProperty("components").GetProperty("schemas");
        var paths = root.GetProperty("paths");

        // Entity sets: a path with one segment and a GET whose answer references an entity schema.
        var sets = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var path in paths.EnumerateObject())
        {
            var name = path.Name.TrimStart('/');
            if (name.Contains('/', StringComparison.Ordinal) || name.Contains('(', StringComparison.Ordinal) || name.StartsWith('$')
                || !path.Value.TryGetProperty("get", out var get) || FirstRef(get.GetProperty("responses")) is not { } schema)
            {
                continue;
            }

            sets[name] = schema;
        }

        var entitySchemas = sets.Values.ToHashSet(StringComparer.Ordinal);
        var ns = entitySchemas.Select(s => s[..s.LastIndexOf('.')]).First();
        var model = new EdmModel();
        var container = new EdmEntityContainer(ns, "Container");
        model.AddElement(container);
        var types = new Dictionary<string, EdmEntityType>(StringComparer.Ordinal);
        foreach (var schemaName in entitySchemas)
        {
            var type = new EdmEntityType(ns, schemaName[(schemaName.LastIndexOf('.') + 1)..]);
            types[schemaName] = type;
            model.AddElement(type);
        }

        foreach (var (schemaName, type) in types)
        {
            foreach (var property in schemas.GetProperty(schemaName).GetProperty("properties").EnumerateObject())
            {
                if (PropertyType(property.Value) is { } primitive)
                {
                    type.AddStructuralProperty(property.Name, primitive);
                }
            }
        }

        // Keys, from the single-entity paths.
        foreach (var path in paths.EnumerateObject())
        {
            var match = KeyPath().Match(path.Name);
            if (!match.Success || !sets.TryGetValue(match.Groups["set"].Value, out var schemaName) || types[schemaName].DeclaredKey is not null)
            {
                continue;
            }

            var keys = KeyNames().Matches(match.Groups["keys"].Value).Select(m => m.Groups[1].Value).ToList();
            if (keys.Count == 0 || keys.Any(k => types[schemaName].FindProperty(k) is null))
            {
                continue;
            }

            types[schemaName].AddKeys(keys.Select(k => (IEdmStructuralProperty)types[schemaName].FindProperty(k)));
        }

        foreach (var (set, schemaName) in sets)
        {
            if (types[schemaName].DeclaredKey is null)
            {
                // A set without a key path: every non-nullable string is part of the key (SAP's analytical sets).
                types[schemaName].AddKeys(types[schemaName].DeclaredStructuralProperties().Where(p => !p.Type.IsNullable).Take(1));
            }

            container.AddEntitySet(set, types[schemaName]);
        }

        // Navigation properties.
        foreach (var (schemaName, type) in types)
        {
            foreach (var property in schemas.GetProperty(schemaName).GetProperty("properties").EnumerateObject())
            {
                var (target, many) = NavigationTarget(property.Value);
                if (target is not null && types.TryGetValue(target, out var targetType))
                {
                    type.AddUnidirectionalNavigation(new EdmNavigationPropertyInfo
                    {
                        Name = property.Name,
                        Target = targetType,
                        TargetMultiplicity = many ? EdmMultiplicity.Many : EdmMultiplicity.ZeroOrOne,
                    });
                }
            }
        }

        foreach (var set in container.EntitySets().Cast<EdmEntitySet>())
        {
            foreach (var navigation in set.EntityType.DeclaredNavigationProperties())
            {
                if (container.EntitySets().FirstOrDefault(s => s.EntityType == navigation.ToEntityType()) is { } target)
                {
                    set.AddNavigationTarget(navigation, target);
                }
            }
        }

        // Bound actions.
        foreach (var path in paths.EnumerateObject())
        {
            var at = path.Name.LastIndexOf("/SAP__self.", StringComparison.Ordinal);
            if (at < 0 || !path.Value.TryGetProperty("post", out var post))
            {
                continue;
            }

            var setName = SetPrefix().Match(path.Name).Groups[1].Value;
            if (!sets.TryGetValue(setName, out var schemaName))
            {
                continue;
            }

            var action = new EdmAction(ns, path.Name[(at + "/SAP__self.".Length)..], null, isBound: true, entitySetPathExpression: null);
            action.AddParameter("_it", new EdmEntityTypeReference(types[schemaName], false));
            if (post.TryGetProperty("requestBody", out var body)
                && body.GetProperty("content").GetProperty("application/json").GetProperty("schema") is var bodySchema
                && bodySchema.TryGetProperty("properties", out var parameters))
            {
                foreach (var parameter in parameters.EnumerateObject())
                {
                    if (PropertyType(parameter.Value) is { } primitive)
                    {
                        action.AddParameter(parameter.Name, primitive);
                    }
                }
            }

            if (!model.SchemaElements.OfType<IEdmAction>().Any(a => a.Name == action.Name && a.Parameters.First().Type.Definition == action.Parameters.First().Type.Definition))
            {
                model.AddElement(action);
            }
        }

        return model;
    }

    private static string? FirstRef(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (property.Name == "$ref" && property.Value.GetString() is { } reference && reference.StartsWith("#/components/schemas/", StringComparison.Ordinal)
                        && !reference.EndsWith("error", StringComparison.Ordinal) && !reference.EndsWith("count", StringComparison.Ordinal))
                    {
                        return reference["#/components/schemas/".Length..];
                    }

                    if (FirstRef(property.Value) is { } found)
                    {
                        return found;
                    }
                }

                return null;
            case JsonValueKind.Array:
                return element.EnumerateArray().Select(FirstRef).FirstOrDefault(r => r is not null);
            default:
                return null;
        }
    }

    private static (string? Target, bool Many) NavigationTarget(JsonElement property)
    {
        if (property.TryGetProperty("type", out var t) && t.GetString() == "array" && property.TryGetProperty("items", out var items) && items.TryGetProperty("$ref", out var r))
        {
            return (r.GetString()!["#/components/schemas/".Length..], true);
        }

        // The V2 form of older API files: {"type":"object","properties":{"results":{"type":"array","items":{"$ref":…}}}}.
        if (property.TryGetProperty("properties", out var wrapped) && wrapped.TryGetProperty("results", out var results))
        {
            return NavigationTarget(results);
        }

        if (property.TryGetProperty("$ref", out var single))
        {
            return (single.GetString()!["#/components/schemas/".Length..], false);
        }

        if (property.TryGetProperty("allOf", out var all) && all.GetArrayLength() == 1 && all[0].TryGetProperty("$ref", out var inner))
        {
            return (inner.GetString()!["#/components/schemas/".Length..], false);
        }

        return (null, false);
    }

    private static IEdmPrimitiveTypeReference? PropertyType(JsonElement property)
    {
        var nullable = property.TryGetProperty("nullable", out var n) && n.GetBoolean();
        var format = property.TryGetProperty("format", out var f) ? f.GetString() : null;
        var type = property.TryGetProperty("type", out var t) ? t.GetString() : null;
        if (type is null && format == "decimal")
        {
            var precision = property.TryGetProperty("x-sap-precision", out var p) ? p.GetInt32() : (int?)null;
            var scale = property.TryGetProperty("x-sap-scale", out var s) ? s.GetInt32() : (int?)null;
            return EdmCoreModel.Instance.GetDecimal(precision, scale, nullable);
        }

        return (type, format) switch
        {
            ("string", "date-time") => EdmCoreModel.Instance.GetDateTimeOffset(nullable),
            ("string", "date") => EdmCoreModel.Instance.GetDate(nullable),
            ("string", "time") => EdmCoreModel.Instance.GetTimeOfDay(nullable),
            ("string", "uuid") => EdmCoreModel.Instance.GetGuid(nullable),
            ("string", "base64url") => EdmCoreModel.Instance.GetBinary(false, null, nullable),
            ("string", _) => EdmCoreModel.Instance.GetString(false, property.TryGetProperty("maxLength", out var max) ? max.GetInt32() : null, true, nullable),
            ("boolean", _) => EdmCoreModel.Instance.GetBoolean(nullable),
            ("integer", "int64") => EdmCoreModel.Instance.GetInt64(nullable),
            ("integer", "uint8") => EdmCoreModel.Instance.GetByte(nullable),
            ("integer", _) => EdmCoreModel.Instance.GetInt32(nullable),
            ("number", _) => EdmCoreModel.Instance.GetDouble(nullable),
            _ => null,
        };
    }

    [GeneratedRegex(@"^/(?<set>[A-Za-z_][A-Za-z0-9_]*)(?<keys>\([^)]*\)|(/\{[^}]+\})+)$")]
    private static partial Regex KeyPath();

    [GeneratedRegex(@"\{([^}]+)\}")]
    private static partial Regex KeyNames();

    [GeneratedRegex(@"^/([A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex SetPrefix();
}
