using System.Text.Json.Nodes;
using Connectors.Testing.Shopify.Internal;
using Microsoft.AspNetCore.Http;

namespace Connectors.Testing.Shopify;

/// <summary>The API version of a request and the schema validation of its document (see <see cref="SchemaValidation"/>).</summary>
public sealed partial class ShopifyEmulator
{
    private static void EnsureSchemas(ShopifyEmulatorOptions options)
    {
        if (options.ValidateDocuments && !SchemaValidation.SchemasAvailable)
        {
            throw new InvalidOperationException(
                $"ShopifyEmulatorOptions.ValidateDocuments is on but the Admin schemas ({string.Join(", ", SchemaValidation.Served)}) were not found in "
                + "shared/contracts/shopify; set CONNECTORS_CONTRACTS to the contracts folder, or turn ValidateDocuments off.");
        }
    }

    /// <summary>
    /// The version that answers the request, named in <c>X-Shopify-API-Version</c> as Shopify does; null (answered 404)
    /// when the path does not name a version at all (assumed: Shopify's answer to such a path was not found documented).
    /// </summary>
    private static async Task<string?> ServedVersionAsync(HttpContext context, string requested)
    {
        var served = SchemaValidation.Resolve(requested);
        if (served is null)
        {
            context.Response.StatusCode = 404;
            await context.Response.WriteAsync("""{"errors":"Not Found"}""", context.RequestAborted).ConfigureAwait(false);
            return null;
        }

        context.Response.Headers["X-Shopify-API-Version"] = served;
        return served;
    }

    /// <summary>Refuses a document that is not valid against the served version's schema; returns whether it did.</summary>
    private async Task<bool> RefusedAsInvalidAsync(HttpContext context, string version, string served, string query, JsonObject variables, string? operationName)
    {
        if (!_options.ValidateDocuments
            || await SchemaValidation.ValidateAsync(served, query, variables, operationName, context.RequestAborted).ConfigureAwait(false) is not { } errors)
        {
            return false;
        }

        Interlocked.Increment(ref _invalidDocuments);
        _requests.Enqueue(new ShopifyEmulatorRequest
        {
            ApiVersion = version,
            OperationName = operationName,
            Query = query,
            VariablesJson = variables.ToJsonString(),
            Throttled = false,
            Refused = errors[0]?["extensions"]?["code"]?.GetValue<string>() ?? "PARSE_ERROR",
        });
        await WriteJsonAsync(context.Response, new JsonObject { ["errors"] = errors }, context.RequestAborted).ConfigureAwait(false);
        return true;
    }
}
