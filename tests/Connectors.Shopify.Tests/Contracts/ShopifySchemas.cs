using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using GraphQL;
using GraphQL.SystemTextJson;
using GraphQL.Types;
using GraphQL.Validation;
using GraphQLParser.AST;

namespace Connectors.Shopify.Tests.Contracts;

/// <summary>
/// The published Admin SDLs loaded with GraphQL.NET (custom scalars registered, ResolveType stubs on abstract types),
/// built once per version per test run, and a validator that checks a document together with its variables.
/// </summary>
internal static partial class ShopifySchemas
{
    private static readonly ConcurrentDictionary<string, Lazy<ISchema>> Schemas = new(StringComparer.Ordinal);

    public static ISchema Get(string version) =>
        Schemas.GetOrAdd(version, v => new Lazy<ISchema>(() => Load(v), LazyThreadSafetyMode.ExecutionAndPublication)).Value;

    private static ISchema Load(string version)
    {
        var sdl = File.ReadAllText(Path.Combine(ContractFiles.ShopifyDirectory, version + ".schema.graphql"));
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
            schema.RegisterType(new PassThroughScalar(scalar));
        }

        schema.Initialize();
        return schema;
    }

    /// <summary>Validates <paramref name="query"/> with <paramref name="variablesJson"/>; returns the error messages (empty when valid).</summary>
    public static async Task<IReadOnlyList<string>> ValidateAsync(string version, string query, string variablesJson)
    {
        var schema = Get(version);
        var document = GraphQLParser.Parser.Parse(query);
        var operation = document.Definitions.OfType<GraphQLOperationDefinition>().Single();
        var inputs = new GraphQLSerializer().Deserialize<Inputs>(variablesJson) ?? Inputs.Empty;
        var result = await new DocumentValidator().ValidateAsync(new ValidationOptions
        {
            Schema = schema,
            Document = document,
            Operation = operation,
            Variables = inputs,
            Rules = DocumentValidator.CoreRules,
        });
        return result.Errors.Select(e => e.Message).ToArray();
    }

    [GeneratedRegex(@"^(union|interface) (\w+)", RegexOptions.Multiline)]
    private static partial Regex AbstractType();

    [GeneratedRegex(@"^scalar (\w+)", RegexOptions.Multiline)]
    private static partial Regex ScalarType();

    private sealed class PassThroughScalar : ScalarGraphType
    {
        public PassThroughScalar(string name)
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
