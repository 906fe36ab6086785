using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Connectors.Testing.Shopify.Internal;
using Microsoft.AspNetCore.Http;

namespace Connectors.Testing.Shopify;

/// <summary>
/// Bulk mutations, written from the schemas (<c>stagedUploadsCreate</c>, <c>StagedUploadTargetGenerateUploadResource</c>
/// <c>BULK_MUTATION_VARIABLES</c>, <c>bulkOperationRunMutation</c>, <c>BulkMutationErrorCode</c>) and Shopify's bulk import
/// guide: the app asks for a staged target, POSTs the JSONL of variables to it as a multipart form (the target's
/// parameters, then <c>file</c>), and runs the mutation with the target's <c>key</c> as <c>stagedUploadPath</c>; each
/// line is one execution of the mutation with that line's variables, and the result file has one line per input line
/// (the answer, <c>data</c> or <c>errors</c>, with <c>__lineNumber</c>, 0-based). "In API versions 2026-01 and higher, you
/// can run up to five bulk mutation operations at a time per shop"; one before.
/// <para>Assumptions: the staged target is emulated for <c>POST</c> only, its parameters are a subset of a storage form
/// (<c>key</c>, <c>Content-Type</c>, <c>success_action_status</c>, <c>acl</c>, <c>policy</c>, <c>x-goog-signature</c>) and a
/// form without the issued signature is 403; the wording of the user errors; a failed bulk mutation has carried out the
/// first half of its lines (a real one may have done any part).</para>
/// </summary>
public sealed partial class ShopifyEmulator
{
    private readonly ConcurrentDictionary<string, (string Signature, byte[]? File)> _staged = new(StringComparer.Ordinal);
    private long _stagedUploads;
    private long _stagedUploadsWithToken;

    /// <summary>Files uploaded to staged targets.</summary>
    public long StagedUploads => Interlocked.Read(ref _stagedUploads);

    /// <summary>Uploads to staged targets that carried an <c>X-Shopify-Access-Token</c> header (the target needs none).</summary>
    public long StagedUploadsWithAccessToken => Interlocked.Read(ref _stagedUploadsWithToken);

    private JsonObject StagedUploadsCreate(JsonObject args)
    {
        var targets = new JsonArray();
        var errors = new JsonArray();
        var inputs = args["input"]?.AsArray() ?? [];
        for (var i = 0; i < inputs.Count; i++)
        {
            var input = inputs[i]?.AsObject() ?? [];
            var resource = input["resource"]?.GetValue<string>();
            var method = input["httpMethod"]?.GetValue<string>() ?? "PUT";
            var fileName = input["filename"]?.GetValue<string>() ?? "file";
            if (resource != "BULK_MUTATION_VARIABLES" || method != "POST")
            {
                errors.Add(new JsonObject
                {
                    ["field"] = new JsonArray("input", i.ToString(CultureInfo.InvariantCulture)),
                    ["message"] = $"The emulator stages only BULK_MUTATION_VARIABLES uploads by POST (not {resource} by {method}).",
                });
                continue;
            }

            var key = $"tmp/{_options.ShopDomain}/bulk/{Guid.NewGuid():N}/{fileName}";
            var signature = Guid.NewGuid().ToString("N");
            _staged[key] = (signature, null);
            targets.Add(new JsonObject
            {
                ["url"] = new Uri(BaseAddress, "staged-uploads/").AbsoluteUri,
                ["resourceUrl"] = null,
                ["parameters"] = new JsonArray(
                    Parameter("key", key),
                    Parameter("Content-Type", input["mimeType"]?.GetValue<string>() ?? "text/jsonl"),
                    Parameter("success_action_status", "201"),
                    Parameter("acl", "private"),
                    Parameter("policy", Convert.ToBase64String(Encoding.UTF8.GetBytes(key))),
                    Parameter("x-goog-signature", signature)),
            });
        }

        return new JsonObject { ["stagedTargets"] = targets, ["userErrors"] = errors };

        static JsonObject Parameter(string name, string value) => new() { ["name"] = name, ["value"] = value };
    }

    /// <summary>The staged target: a multipart form with the issued <c>key</c> and signature, then <c>file</c>; 201 when stored.</summary>
    private async Task HandleStagedUploadAsync(HttpContext context)
    {
        Interlocked.Increment(ref _stagedUploads);
        if (context.Request.Headers.ContainsKey("X-Shopify-Access-Token"))
        {
            Interlocked.Increment(ref _stagedUploadsWithToken);
        }

        if (!context.Request.HasFormContentType)
        {
            context.Response.StatusCode = 400;
            await context.Response.WriteAsync("<Error><Code>InvalidArgument</Code><Message>POST requires a multipart form.</Message></Error>", context.RequestAborted).ConfigureAwait(false);
            return;
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
        var key = form["key"].ToString();
        if (!_staged.TryGetValue(key, out var staged) || form["x-goog-signature"] != staged.Signature || form.Files.GetFile("file") is not { } file)
        {
            context.Response.StatusCode = 403;
            await context.Response.WriteAsync("<Error><Code>AccessDenied</Code></Error>", context.RequestAborted).ConfigureAwait(false);
            return;
        }

        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, context.RequestAborted).ConfigureAwait(false);
        _staged[key] = (staged.Signature, buffer.ToArray());
        context.Response.StatusCode = 201;
        await context.Response.WriteAsync($"<PostResponse><Key>{key}</Key></PostResponse>", context.RequestAborted).ConfigureAwait(false);
    }

    private async Task<JsonObject> RunBulkMutationAsync(string version, JsonObject args, CancellationToken cancellationToken)
    {
        var mutation = args["mutation"]?.GetValue<string>() ?? string.Empty;
        var path = args["stagedUploadPath"]?.GetValue<string>() ?? string.Empty;
        if (!_staged.TryGetValue(path, out var staged) || staged.File is null)
        {
            return MutationRefused("NO_SUCH_FILE", "The JSONL file could not be found. Try uploading the file again, and check that you've entered the URL correctly for the stagedUploadPath mutation argument.");
        }

        var lines = new List<JsonObject>();
        foreach (var text in Encoding.UTF8.GetString(staged.File).Split('\n'))
        {
            if (text.Trim().Length == 0)
            {
                continue;
            }

            try
            {
                lines.Add(JsonNode.Parse(text)?.AsObject() ?? throw new JsonException("null"));
            }
            catch (Exception ex) when (ex is JsonException or InvalidOperationException)
            {
                return MutationRefused("INVALID_STAGED_UPLOAD_FILE", $"The staged upload file is not valid JSONL: line {(lines.Count + 1).ToString(CultureInfo.InvariantCulture)} is not a JSON object.");
            }
        }

        try
        {
            if (EmulatorGraph.RootField(mutation, lines.FirstOrDefault() ?? []).Field.Length == 0 || !mutation.TrimStart().StartsWith("mutation", StringComparison.Ordinal))
            {
                return MutationRefused("INVALID_MUTATION", "The mutation is not a GraphQL mutation.");
            }
        }
        catch (Exception ex) when (ex is EmulatorException or IndexOutOfRangeException or ArgumentOutOfRangeException)
        {
            return MutationRefused("INVALID_MUTATION", "The mutation could not be parsed.");
        }

        if (_options.ValidateDocuments && lines.Count > 0
            && await SchemaValidation.ValidateAsync(version, mutation, lines[0], null, cancellationToken).ConfigureAwait(false) is { Count: > 0 } invalid)
        {
            return MutationRefused("INVALID_MUTATION", "Invalid mutation: " + invalid[0]?["message"]?.GetValue<string>());
        }

        var (operation, refusal) = TryStartBulkOperation("MUTATION", version, mutation);
        if (operation is null)
        {
            return MutationRefused(refusal.Code, refusal.Message);
        }

        _ = Task.Run(() => RunMutationInBackgroundAsync(operation, version, mutation, lines), CancellationToken.None);
        return new JsonObject { ["bulkOperation"] = BulkOperationJson(operation), ["userErrors"] = new JsonArray() };
    }

    private static JsonObject MutationRefused(string code, string message) => new()
    {
        ["bulkOperation"] = null,
        ["userErrors"] = new JsonArray(new JsonObject { ["field"] = null, ["message"] = message, ["code"] = code }),
    };

    /// <summary>Each line executed as one request of the mutation with that line's variables; one result line each.</summary>
    private async Task RunMutationInBackgroundAsync(EmuBulkOperation operation, string version, string mutation, List<JsonObject> lines)
    {
        var time = _options.TimeProvider;
        await Task.Delay(BulkOperationDelay, time).ConfigureAwait(false);
        operation.Status = "RUNNING";
        var failure = _bulkFailures.TryDequeue(out var f) ? f : ((string ErrorCode, bool PartialData)?)null;
        var count = failure is null ? lines.Count : lines.Count / 2;
        var results = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            var result = new JsonObject();
            if (_options.ValidateDocuments && await SchemaValidation.ValidateAsync(version, mutation, lines[i], null, CancellationToken.None).ConfigureAwait(false) is { Count: > 0 } invalid)
            {
                result["errors"] = invalid.DeepClone();
            }
            else
            {
                try
                {
                    var (data, errors) = _graph.Execute(version, mutation, lines[i]);
                    result[errors is null ? "data" : "errors"] = (JsonNode?)errors ?? data;
                }
                catch (EmulatorException ex)
                {
                    result["errors"] = EmulatorGraph.Error(ex.Message, ex.Code);
                }
            }

            result["__lineNumber"] = i;
            results.Add(result.ToJsonString());
            operation.ObjectCount = results.Count;
            operation.RootObjectCount = results.Count;
        }

        await WaitOutLastStepAsync().ConfigureAwait(false);
        End(operation, results, failure, results);
    }
}
