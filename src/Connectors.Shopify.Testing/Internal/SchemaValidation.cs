using System.Collections.Concurrent;
using System.Globalization;
using System.Numerics;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using GraphQL;
using GraphQL.Types;
using GraphQL.Validation;
using GraphQL.Validation.Errors;
using GraphQLParser.AST;
using GraphQLParser.Exceptions;

namespace Connectors.Testing.Shopify.Internal;

/// <summary>
/// Checks every incoming document, with its variables, against the published Admin SDL of the API version it was sent to
/// (<c>shared/contracts/shopify/{version}.schema.graphql</c>) with GraphQL.NET's parser and its core validation rules,
/// and answers what fails the way Shopify does: HTTP 200 with top-level <c>errors</c>, each with <c>message</c>,
/// <c>locations</c> and <c>extensions.code</c>. Each schema is loaded once per process (a 3 MB SDL takes seconds).
/// <para>Assumptions (Shopify runs graphql-ruby; its answers were written from graphql-ruby's static-validation errors,
/// not from a Shopify document listing them, so a reader can disagree):</para>
/// <list type="bullet">
/// <item>Validation errors carry graphql-ruby's camelCase codes (<c>undefinedField</c>, <c>argumentNotAccepted</c>,
/// <c>missingRequiredArguments</c>, <c>variableMismatch</c>…) and, for an unknown field, its wording "Field 'x' doesn't
/// exist on type 'T'" with <c>typeName</c>/<c>fieldName</c>; for the other rules the message is GraphQL.NET's.</item>
/// <item>A variable whose value does not fit its type is "Variable $x of type T was provided invalid value" with
/// <c>extensions.value</c> and <c>extensions.problems</c> (graphql-ruby's shape) and the code <c>INVALID_VARIABLE</c>.</item>
/// <item>A syntax error is "Parse error on … at [line, column]" with <c>locations</c> and no code (graphql-ruby's shape).</item>
/// <item>No <c>path</c> is given (graphql-ruby gives the document path of the offending node; GraphQL.NET's validator
/// does not report one), and no cost is charged for a refused document.</item>
/// <item>Custom scalars (<c>DateTime</c>, <c>Money</c>, <c>URL</c>…) accept any value here; the operation handlers
/// check the ones the emulator reads (<c>Money</c>).</item>
/// <item>A known gap of GraphQL.NET's rules: a <c>String</c> variable is accepted where an <c>ID</c> is expected
/// (graphql-ruby refuses it as <c>variableMismatch</c>).</item>
/// </list>
/// </summary>
internal static partial class SchemaValidation
{
    /// <summary>
    /// The versions the emulator serves, oldest first: the ones it has a schema for and the connector is tested against.
    /// A request to any other <c>YYYY-MM</c> version falls forward to the oldest one, as Shopify documents for
    /// unsupported versions ("About Shopify API versioning": a request to an unsupported version is answered by the oldest
    /// supported stable version, named in <c>X-Shopify-API-Version</c>); assumed to hold for not-yet-released ones too.
    /// </summary>
    public static IReadOnlyList<string> Served { get; } = ["2026-01", "2026-04"];

    private static readonly ConcurrentDictionary<string, Lazy<ISchema>> Schemas = new(StringComparer.Ordinal);

    /// <summary>The version that answers a request to <paramref name="requested"/>, or null when it is not a version at all.</summary>
    public static string? Resolve(string requested)
    {
        if (Served.Contains(requested, StringComparer.Ordinal))
        {
            return requested;
        }

        return VersionFormat().IsMatch(requested) ? Served[0] : null;
    }

    /// <summary>
    /// The published Admin SDL of <paramref name="version"/> loaded with GraphQL.NET (custom scalars take any value,
    /// interfaces and unions get a resolver stub), built once per version per process. Also used by the Shopify contract
    /// tests, which validate what the client sends against the same schema.
    /// </summary>
    public static ISchema SchemaOf(string version) =>
        Schemas.GetOrAdd(version, v => new Lazy<ISchema>(() => Load(v), LazyThreadSafetyMode.ExecutionAndPublication)).Value;

    /// <summary>Whether the schemas can be found (the contracts folder exists).</summary>
    public static bool SchemasAvailable => ContractFiles.Root is { } root && Served.All(v => File.Exists(Path.Combine(root, "shopify", v + ".schema.graphql")));

    /// <summary>Validates a request; returns Shopify's top-level <c>errors</c>, or null when the document is valid.</summary>
    /// <param name="version">A served version (see <see cref="Resolve"/>).</param>
    /// <param name="query">The document.</param>
    /// <param name="variables">The variables.</param>
    /// <param name="operationName">The <c>operationName</c> of the request, if any.</param>
    /// <param name="cancellationToken">Cancels the validation.</param>
    public static async Task<JsonArray?> ValidateAsync(string version, string query, JsonObject variables, string? operationName, CancellationToken cancellationToken)
    {
        var schema = SchemaOf(version);
        GraphQLDocument document;
        try
        {
            document = GraphQLParser.Parser.Parse(query);
        }
        catch (GraphQLSyntaxErrorException ex)
        {
            return [new JsonObject
            {
                ["message"] = $"Parse error on {ex.Description} at [{ex.Location.Line.ToString(CultureInfo.InvariantCulture)}, {ex.Location.Column.ToString(CultureInfo.InvariantCulture)}]",
                ["locations"] = new JsonArray(Location(ex.Location.Line, ex.Location.Column)),
            }];
        }

        var operations = document.Definitions.OfType<GraphQLOperationDefinition>().ToList();
        var operation = operationName is null
            ? (operations.Count == 1 ? operations[0] : null)
            : operations.FirstOrDefault(o => o.Name is { } n && string.Equals(n.StringValue, operationName, StringComparison.Ordinal));
        if (operation is null)
        {
            // graphql-ruby's wording for both cases (assumed as Shopify's).
            var message = operationName is null
                ? "An operation name is required"
                : $"No operation named \"{operationName}\"";
            return [new JsonObject { ["message"] = message, ["extensions"] = new JsonObject { ["code"] = "OPERATION_NOT_FOUND" } }];
        }

        var result = await new DocumentValidator().ValidateAsync(new ValidationOptions
        {
            Schema = schema,
            Document = document,
            Operation = operation,
            Variables = new Inputs(Dictionary(variables)),
            Rules = DocumentValidator.CoreRules,
            CancellationToken = cancellationToken,
        }).ConfigureAwait(false);
        if (result.IsValid)
        {
            return null;
        }

        var errors = new JsonArray();
        foreach (var error in result.Errors)
        {
            errors.Add(Shopify(error, operation, variables));
        }

        return errors;
    }

    private static JsonObject Shopify(ExecutionError error, GraphQLOperationDefinition operation, JsonObject variables)
    {
        var locations = new JsonArray([.. (error.Locations ?? []).Select(l => (JsonNode)Location(l.Line, l.Column))]);
        var extensions = new JsonObject();
        var message = error.Message;
        if (error is InvalidVariableError && VariableMessage().Match(message) is { Success: true } v)
        {
            var name = v.Groups["name"].Value;
            var type = operation.Variables?.FirstOrDefault(d => string.Equals(d.Variable.Name.StringValue, name, StringComparison.Ordinal)) is { } definition
                ? Print(definition.Type)
                : null;
            message = type is null
                ? $"Variable ${name} was provided invalid value"
                : $"Variable ${name} of type {type} was provided invalid value";
            extensions["value"] = variables[name]?.DeepClone();
            extensions["problems"] = new JsonArray(new JsonObject { ["path"] = new JsonArray(), ["explanation"] = v.Groups["why"].Value.Trim() });
            extensions["code"] = "INVALID_VARIABLE";
        }
        else if (error is FieldsOnCorrectTypeError && UnknownField().Match(message) is { Success: true } f)
        {
            message = $"Field '{f.Groups["field"].Value}' doesn't exist on type '{f.Groups["type"].Value}'";
            extensions["code"] = "undefinedField";
            extensions["typeName"] = f.Groups["type"].Value;
            extensions["fieldName"] = f.Groups["field"].Value;
        }
        else
        {
            extensions["code"] = Code(error);
        }

        return new JsonObject { ["message"] = message, ["locations"] = locations, ["extensions"] = extensions };
    }

    // graphql-ruby's static-validation codes per rule (GraphQL.NET's own code where graphql-ruby has no counterpart).
    private static string Code(ExecutionError error) => error switch
    {
        InvalidVariableError => "INVALID_VARIABLE",
        FieldsOnCorrectTypeError => "undefinedField",
        KnownArgumentNamesError => "argumentNotAccepted",
        ProvidedNonNullArgumentsError => "missingRequiredArguments",
        ArgumentsOfCorrectTypeError => "argumentLiteralsIncompatible",
        KnownTypeNamesError => "undefinedType",
        NoUnusedVariablesError => "variableNotUsed",
        NoUndefinedVariablesError => "variableNotDefined",
        VariablesInAllowedPositionError => "variableMismatch",
        VariablesAreInputTypesError => "variableRequiresValidType",
        ScalarLeafsError => "selectionMismatch",
        KnownDirectivesError => "undefinedDirective",
        DirectivesInAllowedLocationsError => "directiveCannotBeApplied",
        OverlappingFieldsCanBeMergedError => "fieldConflict",
        KnownFragmentNamesError => "undefinedFragment",
        NoUnusedFragmentsError => "useAndDefineFragment",
        FragmentsOnCompositeTypesError => "fragmentOnNonCompositeType",
        PossibleFragmentSpreadsError => "cannotSpreadFragment",
        UniqueArgumentNamesError => "argumentNotUnique",
        UniqueInputFieldNamesError => "inputFieldNotUnique",
        DefaultValuesOfCorrectTypeError => "defaultValueInvalidType",
        _ => error.Code ?? "GRAPHQL_VALIDATION_FAILED",
    };

    private static string Print(GraphQLType type) => type switch
    {
        GraphQLNonNullType n => Print(n.Type) + "!",
        GraphQLListType l => "[" + Print(l.Type) + "]",
        GraphQLNamedType t => t.Name.StringValue,
        _ => type.ToString() ?? string.Empty,
    };

    private static JsonObject Location(int line, int column) => new() { ["line"] = line, ["column"] = column };

    private static Schema Load(string version)
    {
        var sdl = File.ReadAllText(ContractFiles.PathOf("shopify/" + version + ".schema.graphql"));

        // GraphQL.NET needs a type resolver on every interface and union to build the schema; nothing is executed here.
        var abstractTypes = AbstractType().Matches(sdl).Select(m => m.Groups[2].Value).ToArray();
        var scalars = ScalarType().Matches(sdl).Select(m => m.Groups[1].Value).ToArray();
        var schema = Schema.For(sdl, builder =>
        {
            foreach (var name in abstractTypes)
            {
                builder.Types.For(name).ResolveType = _ => null!;
            }
        });
        foreach (var scalar in scalars)
        {
            schema.RegisterType(new AnyValueScalar(scalar));
        }

        schema.Initialize();
        return schema;
    }

    private static Dictionary<string, object?> Dictionary(JsonObject json) =>
        json.ToDictionary(p => p.Key, p => Value(p.Value), StringComparer.Ordinal);

    // GraphQL.NET's variable parsing expects the CLR shapes its own JSON readers produce.
    private static object? Value(JsonNode? node) => node switch
    {
        null => null,
        JsonObject o => Dictionary(o),
        JsonArray a => a.Select(Value).ToList(),
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => v.GetValue<string>(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Number => Number(v.ToJsonString()),
            _ => null,
        },
        _ => null,
    };

    private static object Number(string text)
    {
        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i))
        {
            return i;
        }

        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l))
        {
            return l;
        }

        if (BigInteger.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var b))
        {
            return b;
        }

        return double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"^\d{4}-\d{2}$")]
    private static partial Regex VersionFormat();

    [GeneratedRegex(@"^(union|interface) (\w+)", RegexOptions.Multiline)]
    private static partial Regex AbstractType();

    [GeneratedRegex(@"^scalar (\w+)", RegexOptions.Multiline)]
    private static partial Regex ScalarType();

    [GeneratedRegex(@"Cannot query field '(?<field>\w+)' on type '(?<type>\w+)'")]
    private static partial Regex UnknownField();

    // GraphQL.NET: "Variable '$name' is invalid. <why>".
    [GeneratedRegex(@"^Variable '\$(?<name>\w+)' is invalid\.(?<why>.*)$", RegexOptions.Singleline)]
    private static partial Regex VariableMessage();

    private sealed class AnyValueScalar : ScalarGraphType
    {
        public AnyValueScalar(string name)
        {
            Name = name;
        }

        public override object? ParseLiteral(GraphQLValue value) => value switch
        {
            GraphQLStringValue s => (string)s.Value,
            GraphQLIntValue i => (string)i.Value,
            GraphQLFloatValue f => (string)f.Value,
            GraphQLBooleanValue b => b.BoolValue,
            GraphQLNullValue => null,
            _ => ThrowLiteralConversionError(value),
        };

        public override object? ParseValue(object? value) => value;

        public override bool CanParseValue(object? value) => true;
    }
}
