using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Connectors.Testing.Shopify.Internal;
using Microsoft.AspNetCore.Http;

namespace Connectors.Testing.Shopify;

/// <summary>
/// Bulk operations, written from Shopify's published rules (the schemas' descriptions of <c>bulkOperationRunQuery</c>,
/// <c>BulkOperation</c> and their error codes, and the bulk-operations guide on shopify.dev), not from the client:
/// <c>bulkOperationRunQuery</c> checks the query (schema, then the bulk rules of <see cref="BulkQuery"/>) and the number of
/// operations running, and the operation then runs in the background (<c>CREATED</c>, <c>RUNNING</c>, <c>COMPLETED</c>
/// or <c>FAILED</c>) and writes a JSONL file served on loopback at a signed URL; <c>bulkOperation(id:)</c> and
/// <c>currentBulkOperation</c> report it. Concurrency: "In API versions 2026-01 and higher, you can run up to five bulk
/// query operations at a time per shop"; before 2026-01 one of each type (guide). The code of the refusal is assumed:
/// <c>LIMIT_REACHED</c> ("Bulk operations limit reached") from 2026-01, <c>OPERATION_IN_PROGRESS</c> ("A bulk operation is
/// already in progress") before.
/// </summary>
public sealed partial class ShopifyEmulator
{
    private readonly ConcurrentDictionary<long, EmuBulkOperation> _bulkOperations = new();
    private readonly ConcurrentQueue<(string ErrorCode, bool PartialData)> _bulkFailures = new();
    private readonly object _bulkGate = new();
    private long _bulkDownloads;
    private long _bulkDownloadsWithToken;

    /// <summary>How long a bulk operation stays <c>CREATED</c>, and then <c>RUNNING</c>, before it ends.</summary>
    /// <value>Default 100 milliseconds each.</value>
    public TimeSpan BulkOperationDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// While true, bulk operations stay <c>RUNNING</c> (as a long export does), so a test can hold the shop at its limit
    /// of concurrent operations. Setting it back to false lets them finish.
    /// </summary>
    public bool HoldBulkOperations { get; set; }

    /// <summary>Downloads of bulk result files (complete or partial).</summary>
    public long BulkDownloads => Interlocked.Read(ref _bulkDownloads);

    /// <summary>Downloads of bulk result files that carried an <c>X-Shopify-Access-Token</c> header (the signed URL needs none; the token must not leave for the file host).</summary>
    public long BulkDownloadsWithAccessToken => Interlocked.Read(ref _bulkDownloadsWithToken);

    /// <summary>The bulk operations created, oldest first: their GID, type, status and object count.</summary>
    public IReadOnlyList<ShopifyEmulatorBulkOperation> BulkOperations =>
        [.. _bulkOperations.Values.OrderBy(o => o.Id).Select(o => new ShopifyEmulatorBulkOperation
        {
            Id = EmulatorGraph.Gid("BulkOperation", o.Id),
            Type = o.Type,
            Status = o.Status,
            Query = o.Query,
            ObjectCount = o.ObjectCount,
            ErrorCode = o.ErrorCode,
        })];

    /// <summary>
    /// Makes the next bulk operation end <c>FAILED</c> with <paramref name="errorCode"/> (a <c>BulkOperationErrorCode</c>:
    /// <c>ACCESS_DENIED</c>, <c>INTERNAL_SERVER_ERROR</c>, <c>TIMEOUT</c>), with a <c>partialDataUrl</c> holding the
    /// first half of its lines when <paramref name="partialData"/> is set.
    /// </summary>
    /// <param name="errorCode">The error code.</param>
    /// <param name="partialData">Whether the failed operation offers partial data.</param>
    public void FailNextBulkOperation(string errorCode, bool partialData = true)
    {
        ArgumentException.ThrowIfNullOrEmpty(errorCode);
        _bulkFailures.Enqueue((errorCode, partialData));
    }

    /// <summary>Answers the bulk roots and <c>productVariantsCount</c>; every other operation goes to the state's dispatch.</summary>
    private async Task<(JsonObject? Data, JsonArray? Errors)> ExecuteAsync(string version, string query, JsonObject variables, CancellationToken cancellationToken)
    {
        var (root, args) = EmulatorGraph.RootField(query, variables);
        return root switch
        {
            "bulkOperationRunQuery" => (Wrap(root, await RunBulkQueryAsync(version, args, cancellationToken).ConfigureAwait(false)), null),
            "bulkOperation" => (Wrap(root, ParseGid(args["id"], "BulkOperation") is { } id && _bulkOperations.TryGetValue(id, out var op) ? BulkOperationJson(op) : null), null),
            "currentBulkOperation" => (Wrap(root, _bulkOperations.Values.Where(o => o.Type == (args["type"]?.GetValue<string>() ?? "QUERY")).MaxBy(o => o.Id) is { } current ? BulkOperationJson(current) : null), null),
            "productVariantsCount" => (Wrap(root, _graph.ProductVariantsCount(args)), null),
            "stagedUploadsCreate" => (Wrap(root, StagedUploadsCreate(args)), null),
            "bulkOperationRunMutation" => (Wrap(root, await RunBulkMutationAsync(version, args, cancellationToken).ConfigureAwait(false)), null),
            _ => _graph.Execute(version, query, variables),
        };
    }

    private static JsonObject Wrap(string name, JsonNode? value) => new() { [name] = value };

    private static long? ParseGid(JsonNode? node, string type)
    {
        var prefix = "gid://shopify/" + type + "/";
        return node?.GetValue<string>() is { } value && value.StartsWith(prefix, StringComparison.Ordinal)
            && long.TryParse(value.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
    }

    private async Task<JsonObject> RunBulkQueryAsync(string version, JsonObject args, CancellationToken cancellationToken)
    {
        var text = args["query"]?.GetValue<string>() ?? string.Empty;
        var groupObjects = args["groupObjects"] is JsonValue g && g.TryGetValue<bool>(out var grouped) && grouped;
        if (_options.ValidateDocuments
            && await SchemaValidation.ValidateAsync(version, text, [], null, cancellationToken).ConfigureAwait(false) is { Count: > 0 } invalid)
        {
            return BulkRefused("INVALID", "Invalid bulk query: " + invalid[0]?["message"]?.GetValue<string>());
        }

        var (bulk, error) = BulkQuery.Parse(text);
        if (bulk is null)
        {
            return BulkRefused("INVALID", error!);
        }

        if (!EmulatorGraph.BulkRoots.Contains(bulk.Root.Name))
        {
            return BulkRefused("INVALID", $"The emulator does not emulate bulk queries of '{bulk.Root.Name}' (it does: {string.Join(", ", EmulatorGraph.BulkRoots)}).");
        }

        var (operation, refusal) = TryStartBulkOperation("QUERY", version, text);
        if (operation is null)
        {
            return BulkRefused(refusal.Code, refusal.Message);
        }

        _ = Task.Run(() => RunInBackgroundAsync(operation, () => bulk.Write(_graph.BulkSnapshot(bulk.Root.Name), groupObjects)), CancellationToken.None);
        return new JsonObject { ["bulkOperation"] = BulkOperationJson(operation), ["userErrors"] = new JsonArray() };
    }

    /// <summary>
    /// Registers a bulk operation of this type unless the version's limit of running ones is reached: five of each type
    /// at once from 2026-01, one before (the refusal then names the running operation).
    /// </summary>
    private (EmuBulkOperation? Operation, (string Code, string Message) Refusal) TryStartBulkOperation(string type, string version, string text)
    {
        lock (_bulkGate)
        {
            var modern = string.CompareOrdinal(version, "2026-01") >= 0;
            var running = _bulkOperations.Values.Where(o => o.Type == type && o.Status is "CREATED" or "RUNNING").ToList();
            if (running.Count >= (modern ? 5 : 1))
            {
                return (null, modern
                    ? ("LIMIT_REACHED", "Bulk operations limit reached. Please try again later.")
                    : ("OPERATION_IN_PROGRESS", $"A bulk {type.ToLowerInvariant()} operation for this app and shop is already in progress: {EmulatorGraph.Gid("BulkOperation", running[0].Id)}."));
            }

            var operation = new EmuBulkOperation
            {
                Id = _graph.NextId(),
                Type = type,
                Query = text,
                CreatedAt = _options.TimeProvider.GetUtcNow(),
                Signature = Guid.NewGuid().ToString("N"),
            };
            _bulkOperations[operation.Id] = operation;
            return (operation, default);
        }
    }

    private static JsonObject BulkRefused(string code, string message) => new()
    {
        ["bulkOperation"] = null,
        ["userErrors"] = new JsonArray(new JsonObject { ["field"] = new JsonArray("query"), ["message"] = message, ["code"] = code }),
    };

    /// <summary>CREATED for a while, RUNNING while the lines are written (and while held), then COMPLETED or FAILED.</summary>
    private async Task RunInBackgroundAsync(EmuBulkOperation operation, Func<(List<string> Lines, int RootObjects)> write)
    {
        var time = _options.TimeProvider;
        await Task.Delay(BulkOperationDelay, time).ConfigureAwait(false);
        operation.Status = "RUNNING";
        var (lines, roots) = write();
        operation.ObjectCount = lines.Count / 2;
        operation.RootObjectCount = roots / 2;
        await WaitOutLastStepAsync().ConfigureAwait(false);
        operation.ObjectCount = lines.Count;
        operation.RootObjectCount = roots;
        End(operation, lines, _bulkFailures.TryDequeue(out var failure) ? failure : null, lines.Take(lines.Count / 2));
    }

    /// <summary>The step after the lines are written, and any <see cref="HoldBulkOperations"/>, waited out.</summary>
    private async Task WaitOutLastStepAsync()
    {
        var time = _options.TimeProvider;
        await Task.Delay(BulkOperationDelay, time).ConfigureAwait(false);
        while (HoldBulkOperations)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(10), time).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// FAILED with the injected error code (and the partial lines as its partial data when asked for), else COMPLETED
    /// with the lines as its file; an operation that wrote nothing has no file (<c>"url": null</c>).
    /// </summary>
    private void End(EmuBulkOperation operation, List<string> lines, (string ErrorCode, bool PartialData)? failure, IEnumerable<string> partialLines)
    {
        if (failure is { } failed)
        {
            var partial = partialLines.ToList();
            operation.Partial = failed.PartialData && partial.Count > 0 ? Jsonl(partial) : null;
            operation.ErrorCode = failed.ErrorCode;
            operation.Status = "FAILED";
            return;
        }

        operation.File = lines.Count == 0 ? null : Jsonl(lines);
        operation.CompletedAt = _options.TimeProvider.GetUtcNow();
        operation.Status = "COMPLETED";
    }

    private static byte[] Jsonl(IEnumerable<string> lines) => Encoding.UTF8.GetBytes(string.Concat(lines.Select(l => l + "\n")));

    private JsonObject BulkOperationJson(EmuBulkOperation o) => new()
    {
        ["id"] = EmulatorGraph.Gid("BulkOperation", o.Id),
        ["status"] = o.Status,
        ["type"] = o.Type,
        ["query"] = o.Query,
        ["errorCode"] = o.ErrorCode,
        ["createdAt"] = o.CreatedAt.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        ["completedAt"] = o.CompletedAt?.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),

        // UnsignedInt64: "encoded as a string of base-10 digits".
        ["objectCount"] = o.ObjectCount.ToString(CultureInfo.InvariantCulture),
        ["rootObjectCount"] = o.RootObjectCount.ToString(CultureInfo.InvariantCulture),
        ["fileSize"] = o.Status == "COMPLETED" && o.File is { } file ? file.LongLength.ToString(CultureInfo.InvariantCulture) : null,
        ["url"] = o.Status == "COMPLETED" && o.File is not null ? FileUrl(o, "result") : null,
        ["partialDataUrl"] = o.Status == "FAILED" && o.Partial is not null ? FileUrl(o, "partial") : null,
    };

    private string FileUrl(EmuBulkOperation o, string kind) =>
        new Uri(BaseAddress, $"bulk-results/{o.Id.ToString(CultureInfo.InvariantCulture)}/{kind}.jsonl?signature={o.Signature}").AbsoluteUri;

    /// <summary>
    /// Serves a result file at its signed URL (a wrong or missing signature is 403, as a signed storage URL refuses it;
    /// assumed). The shop's access token is not needed and is counted when sent.
    /// </summary>
    private async Task HandleBulkFileAsync(HttpContext context, long id, string kind)
    {
        Interlocked.Increment(ref _bulkDownloads);
        if (context.Request.Headers.ContainsKey("X-Shopify-Access-Token"))
        {
            Interlocked.Increment(ref _bulkDownloadsWithToken);
        }

        var file = _bulkOperations.TryGetValue(id, out var o) && context.Request.Query["signature"] == o.Signature
            ? kind switch { "result" => o.File, "partial" => o.Partial, _ => null }
            : null;
        if (file is null)
        {
            context.Response.StatusCode = 403;
            await context.Response.WriteAsync("<Error><Code>AccessDenied</Code></Error>", context.RequestAborted).ConfigureAwait(false);
            return;
        }

        context.Response.ContentType = "application/jsonl";
        context.Response.ContentLength = file.LongLength;
        await context.Response.Body.WriteAsync(file, context.RequestAborted).ConfigureAwait(false);
    }

    private sealed class EmuBulkOperation
    {
        public required long Id { get; init; }

        public required string Type { get; init; }

        public required string Query { get; init; }

        public required DateTimeOffset CreatedAt { get; init; }

        public required string Signature { get; init; }

        public volatile string Status = "CREATED";

        public DateTimeOffset? CompletedAt { get; set; }

        public string? ErrorCode { get; set; }

        public long ObjectCount { get; set; }

        public long RootObjectCount { get; set; }

        public byte[]? File { get; set; }

        public byte[]? Partial { get; set; }
    }
}
