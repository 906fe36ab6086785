using Connectors.Testing.Shopify.Internal;
using GraphQL;
using GraphQL.SystemTextJson;
using GraphQL.Types;
using GraphQL.Validation;
using GraphQLParser.AST;

namespace Connectors.Shopify.Tests.Contracts;

/// <summary>
/// The published Admin SDLs as the emulator loads them (built once per version per process), and a validator that checks
/// a document together with its variables.
/// </summary>
internal static class ShopifySchemas
{
    public static ISchema Get(string version) => SchemaValidation.SchemaOf(version);

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
}
