using System.Globalization;
using System.Text;
using System.Text.Json;
using Connectors.Testing.SapEwm.Internal;
using Microsoft.AspNetCore.Http;
using Microsoft.OData.Edm;

namespace Connectors.Testing.SapEwm;

public sealed partial class SapEwmEmulator
{
    private delegate IEnumerable<IEmuEntity> Children(IEmuEntity parent, string navigation);

    /// <summary>
    /// Answers a collection GET: <c>$filter</c>, <c>$orderby</c>, <c>$select</c>, <c>$expand</c> (V4), <c>$skip</c>,
    /// <c>$top</c>, and server paging with <c>$skiptoken</c>. Every property named in an option must exist in the type.
    /// </summary>
    private EmuResponse Collection(HttpContext context, EmuService service, string setName, IEdmEntityType type, IEnumerable<IEmuEntity> source, Children? children = null, string? relativePath = null)
    {
        var query = context.Request.Query;
        foreach (var key in query.Keys)
        {
            if (key.StartsWith('$') && key is not ("$filter" or "$select" or "$orderby" or "$top" or "$skip" or "$skiptoken" or "$expand" or "$count" or "$format" or "$inlinecount"))
            {
                throw new EmuQueryException("/IWBEP/CM_MGW_RT/021", $"System query option '{key}' is not supported");
            }
        }

        var filter = EmuFilter.Parse(query["$filter"].ToString(), name => ClrTypeOf(type, name));
        var order = ParseOrderBy(type, query["$orderby"].ToString());
        var select = ParseSelect(type, query["$select"].ToString());
        var expand = service.Version == 4 ? ParseExpand(type, query["$expand"].ToString()) : [];
        var skip = IntOption(query, "$skip") ?? 0;
        var top = IntOption(query, "$top");
        var token = IntOption(query, "$skiptoken") ?? 0;

        IEnumerable<IEmuEntity> rows = source.Where(filter);
        if (order.Count > 0)
        {
            rows = rows.Order(Comparer<IEmuEntity>.Create((a, b) =>
            {
                foreach (var (property, descending) in order)
                {
                    a.TryGet(property, out var x);
                    b.TryGet(property, out var y);
                    var c = EmuFilter.Compare(x, y);
                    if (c != 0)
                    {
                        return descending ? -c : c;
                    }
                }

                return 0;
            }));
        }

        var all = rows.Skip(skip).Take(top ?? int.MaxValue).ToList();
        var pageSize = MaxPageSize;
        if (service.Version == 4 && context.Request.Headers["Prefer"].ToString() is { Length: > 0 } prefer)
        {
            foreach (var part in prefer.Split(','))
            {
                var kv = part.Trim().Split('=', 2);
                if (kv.Length == 2 && kv[0] == "odata.maxpagesize" && int.TryParse(kv[1], CultureInfo.InvariantCulture, out var asked) && asked > 0)
                {
                    pageSize = Math.Min(pageSize, asked);
                }
            }
        }

        var page = all.Skip(token).Take(pageSize).ToList();
        string? next = null;
        if (token + page.Count < all.Count)
        {
            var kept = string.Join('&', context.Request.Query.Where(q => q.Key != "$skiptoken").Select(q => Uri.EscapeDataString(q.Key) + "=" + Uri.EscapeDataString(q.Value.ToString())));
            var link = (relativePath ?? setName) + "?" + kept + (kept.Length > 0 ? "&" : string.Empty) + "$skiptoken=" + (token + page.Count).ToString(CultureInfo.InvariantCulture);
            next = service.Version == 4 ? link : new Uri(new Uri(Host, service.Path), link).AbsoluteUri;
        }

        lock (_gate)
        {
            _pagesServed[setName] = _pagesServed.GetValueOrDefault(setName) + 1;
        }

        var ieee754 = context.Request.Headers.Accept.ToString().Contains("IEEE754Compatible=true", StringComparison.OrdinalIgnoreCase);
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            if (service.Version == 4)
            {
                w.WriteString("@odata.context", "$metadata#" + setName);
                w.WritePropertyName("value");
            }
            else
            {
                w.WriteStartObject("d");
                w.WritePropertyName("results");
            }

            w.WriteStartArray();
            foreach (var row in page)
            {
                WriteEntity(w, service, setName, type, row, select, expand, children, ieee754);
            }

            w.WriteEndArray();
            if (next is not null)
            {
                w.WriteString(service.Version == 4 ? "@odata.nextLink" : "__next", next);
            }

            if (service.Version == 2)
            {
                w.WriteEndObject();
            }

            w.WriteEndObject();
        }

        return new EmuResponse { Body = stream.ToArray() };
    }

    /// <summary>Answers a single-entity GET with its <c>ETag</c> header.</summary>
    private EmuResponse Single(HttpContext context, EmuService service, string setName, IEdmEntityType type, EmuRecord entity, Children? children = null)
    {
        var select = ParseSelect(type, context.Request.Query["$select"].ToString());
        var expand = service.Version == 4 ? ParseExpand(type, context.Request.Query["$expand"].ToString()) : [];
        var ieee754 = context.Request.Headers.Accept.ToString().Contains("IEEE754Compatible=true", StringComparison.OrdinalIgnoreCase);
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            if (service.Version == 2)
            {
                w.WriteStartObject();
                w.WritePropertyName("d");
            }

            WriteEntity(w, service, setName, type, entity, select, expand, children, ieee754, context: service.Version == 4);
            if (service.Version == 2)
            {
                w.WriteEndObject();
            }
        }

        var response = new EmuResponse { Body = stream.ToArray() };
        if (entity.TryGet("__etag", out var etag) && etag is string e)
        {
            response.Headers["ETag"] = e;
        }

        return response;
    }

    private void WriteEntity(
        Utf8JsonWriter w, EmuService service, string setName, IEdmEntityType type, IEmuEntity row, IReadOnlyList<string> select,
        IReadOnlyList<(string Navigation, IReadOnlyList<string> Select)> expand, Children? children, bool ieee754, bool context = false)
    {
        w.WriteStartObject();
        if (context)
        {
            w.WriteString("@odata.context", "$metadata#" + setName + "/$entity");
        }

        row.TryGet("__etag", out var etag);
        if (service.Version == 4 && etag is string e4)
        {
            w.WriteString("@odata.etag", e4);
        }

        if (service.Version == 2)
        {
            var keys = string.Join(',', type.Key().Select(k => row.TryGet(k.Name, out var v) ? (type.Key().Count() == 1 ? $"'{v}'" : $"{k.Name}='{v}'") : string.Empty));
            var uri = new Uri(new Uri(Host, service.Path), $"{setName}({keys})").AbsoluteUri;
            w.WriteStartObject("__metadata");
            w.WriteString("id", uri);
            w.WriteString("uri", uri);
            w.WriteString("type", type.FullName());
            if (etag is string e2)
            {
                w.WriteString("etag", e2);
            }

            w.WriteEndObject();
        }

        var properties = select.Count == 0 || select.Contains("*")
            ? type.StructuralProperties().ToList()
            : select.Select(s => type.FindProperty(s)).OfType<IEdmStructuralProperty>().ToList();
        foreach (var property in properties)
        {
            if (property.Type.IsCollection() || property.Type.IsComplex())
            {
                continue;
            }

            row.TryGet(property.Name, out var value);
            WriteValue(w, property.Name, property.Type, value, service.Version, ieee754);
        }

        foreach (var (navigation, nested) in expand)
        {
            var target = ((IEdmNavigationProperty)type.FindProperty(navigation)).ToEntityType();
            w.WritePropertyName(navigation);
            w.WriteStartArray();
            foreach (var child in children?.Invoke(row, navigation) ?? [])
            {
                WriteEntity(w, service, navigation, target, child, nested, [], null, ieee754);
            }

            w.WriteEndArray();
        }

        w.WriteEndObject();
    }

    private static void WriteValue(Utf8JsonWriter w, string name, IEdmTypeReference type, object? value, int version, bool ieee754)
    {
        var kind = type.PrimitiveKind();
        if (value is null)
        {
            switch (kind)
            {
                case EdmPrimitiveTypeKind.String:
                    w.WriteString(name, string.Empty);
                    return;
                case EdmPrimitiveTypeKind.Boolean:
                    w.WriteBoolean(name, false);
                    return;
                case EdmPrimitiveTypeKind.Decimal:
                    value = 0m;
                    break;
                default:
                    w.WriteNull(name);
                    return;
            }
        }

        switch (kind)
        {
            case EdmPrimitiveTypeKind.Decimal:
                var number = Convert.ToDecimal(value, CultureInfo.InvariantCulture);
                if (version == 2 || ieee754)
                {
                    w.WriteString(name, number.ToString(CultureInfo.InvariantCulture));
                }
                else
                {
                    w.WriteNumber(name, number);
                }

                break;
            case EdmPrimitiveTypeKind.DateTimeOffset:
                var at = (DateTimeOffset)value;
                w.WriteString(name, version == 2
                    ? string.Create(CultureInfo.InvariantCulture, $"/Date({at.ToUnixTimeMilliseconds()}+0000)/")
                    : at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
                break;
            case EdmPrimitiveTypeKind.Date:
                var day = (DateTimeOffset)value;
                w.WriteString(name, version == 2
                    ? string.Create(CultureInfo.InvariantCulture, $"/Date({new DateTimeOffset(day.UtcDateTime.Date, TimeSpan.Zero).ToUnixTimeMilliseconds()})/")
                    : day.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                break;
            case EdmPrimitiveTypeKind.Boolean:
                w.WriteBoolean(name, (bool)value);
                break;
            default:
                w.WriteString(name, Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
        }
    }

    private static Type? ClrTypeOf(IEdmStructuredType type, string name) =>
        type.FindProperty(name) is IEdmStructuralProperty { Type: var t } && !t.IsCollection() && !t.IsComplex()
            ? t.PrimitiveKind() switch
            {
                EdmPrimitiveTypeKind.Decimal or EdmPrimitiveTypeKind.Int32 or EdmPrimitiveTypeKind.Int64 or EdmPrimitiveTypeKind.Double or EdmPrimitiveTypeKind.Byte => typeof(decimal),
                EdmPrimitiveTypeKind.DateTimeOffset or EdmPrimitiveTypeKind.Date => typeof(DateTimeOffset),
                EdmPrimitiveTypeKind.Boolean => typeof(bool),
                _ => typeof(string),
            }
            : null;

    private static List<(string Property, bool Descending)> ParseOrderBy(IEdmEntityType type, string text)
    {
        var result = new List<(string, bool)>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var bits = part.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (ClrTypeOf(type, bits[0]) is null)
            {
                throw new EmuQueryException("/IWBEP/CM_MGW_RT/022", $"Property '{bits[0]}' in $orderby is not a property of {type.Name}");
            }

            result.Add((bits[0], bits.Length > 1 && bits[1].Equals("desc", StringComparison.OrdinalIgnoreCase)));
        }

        return result;
    }

    private static List<string> ParseSelect(IEdmStructuredType type, string text)
    {
        var result = new List<string>();
        foreach (var name in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (name != "*" && type.FindProperty(name) is null)
            {
                throw new EmuQueryException("/IWBEP/CM_MGW_RT/022", $"Property '{name}' in $select is not a property of {((IEdmSchemaElement)type).Name}");
            }

            result.Add(name);
        }

        return result;
    }

    private static List<(string Navigation, IReadOnlyList<string> Select)> ParseExpand(IEdmEntityType type, string text)
    {
        var result = new List<(string, IReadOnlyList<string>)>();
        var depth = 0;
        var start = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i == text.Length || (text[i] == ',' && depth == 0))
            {
                var item = text[start..i].Trim();
                start = i + 1;
                if (item.Length == 0)
                {
                    continue;
                }

                var open = item.IndexOf('(', StringComparison.Ordinal);
                var name = open < 0 ? item : item[..open];
                if (type.FindProperty(name) is not IEdmNavigationProperty navigation)
                {
                    throw new EmuQueryException("/IWBEP/CM_MGW_RT/022", $"'{name}' in $expand is not a navigation property of {type.Name}");
                }

                IReadOnlyList<string> nested = [];
                if (open >= 0)
                {
                    var options = item[(open + 1)..^1];
                    foreach (var option in options.Split(';'))
                    {
                        var kv = option.Split('=', 2);
                        if (kv[0].Trim() != "$select")
                        {
                            throw new EmuQueryException("/IWBEP/CM_MGW_RT/021", $"Nested option '{kv[0]}' in $expand is not supported");
                        }

                        nested = ParseSelect(navigation.ToEntityType(), kv[1]);
                    }
                }

                result.Add((name, nested));
            }
            else if (text[i] == '(')
            {
                depth++;
            }
            else if (text[i] == ')')
            {
                depth--;
            }
        }

        return result;
    }

    private static int? IntOption(IQueryCollection query, string name) =>
        query[name].ToString() is { Length: > 0 } text
            ? int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : throw new EmuQueryException("/IWBEP/CM_MGW_RT/021", $"'{text}' is not a valid value of {name}")
            : null;

    /// <summary>
    /// Checks a request body against an entity type: every property must exist (navigation properties hold nested
    /// entities for a deep insert), and V2 requires <c>Edm.Decimal</c> values as JSON strings.
    /// </summary>
    private static void CheckBody(JsonElement body, IEdmStructuredType type, int version, string path)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            throw new EmuQueryException("/IWBEP/CM_MGW_RT/004", $"The request body at {path} is not a JSON object");
        }

        foreach (var property in body.EnumerateObject())
        {
            if (property.Name.StartsWith("__", StringComparison.Ordinal) || property.Name.StartsWith('@'))
            {
                continue;
            }

            switch (type.FindProperty(property.Name))
            {
                case null:
                    throw new EmuQueryException("/IWBEP/CM_MGW_RT/020", $"The property '{property.Name}' is invalid ({path} of {((IEdmSchemaElement)type).Name})");
                case IEdmNavigationProperty navigation:
                    var children = property.Value.ValueKind == JsonValueKind.Object && property.Value.TryGetProperty("results", out var results) ? results : property.Value;
                    if (children.ValueKind == JsonValueKind.Array)
                    {
                        var i = 0;
                        foreach (var child in children.EnumerateArray())
                        {
                            CheckBody(child, navigation.ToEntityType(), version, $"{path}/{property.Name}[{i++}]");
                        }
                    }
                    else
                    {
                        CheckBody(children, navigation.ToEntityType(), version, $"{path}/{property.Name}");
                    }

                    break;
                case IEdmStructuralProperty structural when structural.Type.IsDecimal() && version == 2 && property.Value.ValueKind == JsonValueKind.Number:
                    throw new EmuQueryException("/IWBEP/CM_MGW_RT/004", $"Failed to read property '{property.Name}' at {path}: an Edm.Decimal is written as a JSON string in OData V2");
                case IEdmStructuralProperty structural when structural.Type.IsString() && property.Value.ValueKind == JsonValueKind.String
                    && structural.Type.AsString().MaxLength is { } max && property.Value.GetString()!.Length > max:
                    throw new EmuQueryException("/IWBEP/CM_MGW_RT/004", $"The value of property '{property.Name}' at {path} is longer than {max} characters");
                default:
                    break;
            }
        }
    }

    private static string Etag(long version) => "W/\"" + version.ToString(CultureInfo.InvariantCulture) + "\"";

    private static EmuResponse Json(int status, Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            write(w);
        }

        return new EmuResponse { Status = status, Body = stream.ToArray() };
    }

    private static string Decode(string segment) => Uri.UnescapeDataString(segment);

    private static string KeyValue(string text) => text.Length >= 2 && text[0] == '\'' && text[^1] == '\'' ? text[1..^1].Replace("''", "'", StringComparison.Ordinal) : text;

    private static Dictionary<string, string> ParseKeys(string predicate)
    {
        var keys = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in predicate.Split(','))
        {
            var kv = part.Split('=', 2);
            keys[kv.Length == 2 ? kv[0].Trim() : string.Empty] = KeyValue(kv[^1].Trim());
        }

        return keys;
    }

    private static string Utf8(byte[] bytes) => Encoding.UTF8.GetString(bytes);
}
