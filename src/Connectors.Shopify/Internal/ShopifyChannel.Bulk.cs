using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Connectors.Shopify.Internal.Json;

namespace Connectors.Shopify.Internal;

/// <summary>
/// Full reads through a bulk operation (<see cref="ShopifyOptions.BulkRead"/>): <c>bulkOperationRunQuery</c>, polls of
/// <c>bulkOperation(id:)</c> with a doubling wait until the operation ends, then the JSONL result read line by line from
/// its signed URL. A line is one object; an object of a nested connection names its parent in <c>__parentId</c> and need
/// not follow it (Shopify does not group objects under their parents unless asked, <c>groupObjects: false</c>), so the
/// reads here select, for every nested object, the id it must be joined on as that parent id, and hold nothing across lines.
/// </summary>
internal sealed partial class ShopifyChannel
{
    /// <summary>Codes with which Shopify refuses to start a bulk query because the app's operations for the shop are at their limit.</summary>
    private static readonly string[] BulkConcurrencyCodes = ["OPERATION_IN_PROGRESS", "LIMIT_REACHED"];

    /// <summary>Whether a full read goes through a bulk operation: by the mode, and for <see cref="ShopifyBulkReadMode.Auto"/> by the shop's variant count.</summary>
    private async ValueTask<bool> UseBulkReadAsync(CancellationToken cancellationToken)
    {
        var options = _client.Options;
        switch (options.BulkRead)
        {
            case ShopifyBulkReadMode.Never:
                return false;
            case ShopifyBulkReadMode.Always:
                return true;
        }

        // Counting up to threshold + 1 says whether the shop is above it without counting a very large shop whole.
        var data = await _client.SendAsync(
            GraphDocuments.ProductVariantsCount,
            new ProductVariantsCountVariables(options.BulkReadThreshold + 1),
            ShopifyJsonContext.Default.ProductVariantsCountVariables,
            ShopifyJsonContext.Default.GraphResponseProductVariantsCountData,
            cancellationToken).ConfigureAwait(false);
        return data.ProductVariantsCount is { } count && count.Count > options.BulkReadThreshold;
    }

    /// <summary>
    /// Runs one of <see cref="GraphDocuments.BulkQueries"/> to its end. Null when Shopify refuses to start it because the
    /// app's bulk operations for the shop are at their limit (the caller reads with paged queries); throws
    /// <see cref="ShopifyBulkOperationException"/> for any other refusal and any end but <c>COMPLETED</c>.
    /// </summary>
    internal async Task<BulkOperationNode?> RunBulkQueryAsync(string bulkQuery, CancellationToken cancellationToken)
    {
        var data = await _client.SendAsync(
            GraphDocuments.BulkOperationRunQuery,
            new BulkOperationRunQueryVariables(GraphDocuments.GetBulkQuery(bulkQuery)),
            ShopifyJsonContext.Default.BulkOperationRunQueryVariables,
            ShopifyJsonContext.Default.GraphResponseBulkOperationRunQueryData,
            cancellationToken).ConfigureAwait(false);
        var payload = data.BulkOperationRunQuery;
        if (payload?.UserErrors is { Count: > 0 } errors)
        {
            var error = errors[0];
            if (error.Code is { } code && BulkConcurrencyCodes.Contains(code, StringComparer.Ordinal))
            {
                Log.BulkReadFallback(_logger, Name, bulkQuery, code, error.Message ?? "refused");
                return null;
            }

            throw new ShopifyBulkOperationException(
                $"bulkOperationRunQuery ({bulkQuery}) on channel '{Name}' was refused: {error.Message} (code {error.Code ?? "none"}, field {string.Join('.', error.Field ?? [])}).",
                null, null, error.Code, hasPartialData: false, isTransient: false);
        }

        var operation = payload?.BulkOperation
            ?? throw new ShopifyBulkOperationException($"bulkOperationRunQuery ({bulkQuery}) on channel '{Name}' returned neither an operation nor a user error.", null, null, null, hasPartialData: false, isTransient: true);
        operation = await WaitForBulkOperationAsync(operation, bulkQuery, cancellationToken).ConfigureAwait(false);
        Log.BulkOperationCompleted(_logger, Name, operation.Id, bulkQuery, operation.ObjectCount, operation.FileSize);
        return operation;
    }

    /// <summary>Polls the operation with a wait doubling from <see cref="ShopifyOptions.BulkPollInterval"/> up to <see cref="ShopifyOptions.BulkMaxPollInterval"/> until it is <c>COMPLETED</c>.</summary>
    private async Task<BulkOperationNode> WaitForBulkOperationAsync(BulkOperationNode operation, string bulkQuery, CancellationToken cancellationToken)
    {
        var options = _client.Options;
        var time = _client.Time;
        var started = time.GetTimestamp();
        var wait = options.BulkPollInterval;
        while (true)
        {
            switch (operation.Status)
            {
                case "COMPLETED":
                    return operation;
                case "FAILED":
                    // INTERNAL_SERVER_ERROR and TIMEOUT: "These errors might be intermittent, so you can try performing the same query again."
                    throw new ShopifyBulkOperationException(
                        $"bulk operation {operation.Id} ({bulkQuery}) of channel '{Name}' failed with {operation.ErrorCode ?? "no error code"}"
                        + (operation.PartialDataUrl is null ? "." : "; its partial data was not read, as a partial catalogue would look like deleted items."),
                        operation.Id, operation.Status, operation.ErrorCode, operation.PartialDataUrl is not null, isTransient: operation.ErrorCode is not "ACCESS_DENIED");
                case "CREATED" or "RUNNING":
                    break;
                default:
                    // CANCELED, CANCELING (ends CANCELED), EXPIRED, or a status newer than this package: no result to read.
                    throw new ShopifyBulkOperationException(
                        $"bulk operation {operation.Id} ({bulkQuery}) of channel '{Name}' ended {operation.Status ?? "with no status"} (cancelled by someone else, or its result expired) before it was read.",
                        operation.Id, operation.Status, operation.ErrorCode, operation.PartialDataUrl is not null, isTransient: true);
            }

            var elapsed = time.GetElapsedTime(started);
            if (elapsed + wait > options.BulkOperationTimeout)
            {
                throw new ShopifyBulkOperationException(
                    $"bulk operation {operation.Id} ({bulkQuery}) of channel '{Name}' is still {operation.Status} after {elapsed.TotalSeconds:F0} s; BulkOperationTimeout is {options.BulkOperationTimeout}.",
                    operation.Id, operation.Status, null, hasPartialData: false, isTransient: true);
            }

            await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
            wait = TimeSpan.FromTicks(Math.Min(wait.Ticks * 2, options.BulkMaxPollInterval.Ticks));
            var data = await _client.SendAsync(
                GraphDocuments.BulkOperation,
                new BulkOperationVariables(operation.Id),
                ShopifyJsonContext.Default.BulkOperationVariables,
                ShopifyJsonContext.Default.GraphResponseBulkOperationData,
                cancellationToken).ConfigureAwait(false);
            operation = data.BulkOperation
                ?? throw new ShopifyBulkOperationException($"bulk operation {operation.Id} ({bulkQuery}) of channel '{Name}' is not found.", operation.Id, null, null, hasPartialData: false, isTransient: true);
        }
    }

    /// <summary>
    /// The lines of a completed operation's result, one object each, read from the stream as they arrive (never the whole
    /// file). Throws when a line is not JSON or when fewer bytes arrive than the operation's <c>fileSize</c> (a cut download
    /// must not pass for a smaller shop).
    /// </summary>
    internal async IAsyncEnumerable<T> ReadBulkLinesAsync<T>(BulkOperationNode operation, JsonTypeInfo<T> lineType, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (operation.Url is not { Length: > 0 } url)
        {
            // A query that matched nothing has no file.
            if (operation.ObjectCount is null or 0)
            {
                yield break;
            }

            throw new ShopifyBulkOperationException(
                $"bulk operation {operation.Id} of channel '{Name}' completed with {operation.ObjectCount} objects but no result URL.", operation.Id, operation.Status, null, hasPartialData: false, isTransient: true);
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var address) || address.Scheme is not ("https" or "http"))
        {
            throw new ShopifyBulkOperationException(
                $"bulk operation {operation.Id} of channel '{Name}' completed with a result URL that is not an absolute http(s) URL.", operation.Id, operation.Status, "MALFORMED_RESPONSE", hasPartialData: false, isTransient: true);
        }

        using var response = await _client.DownloadAsync(address, operation.Id, cancellationToken).ConfigureAwait(false);
        var encoded = response.Content.Headers.ContentEncoding.Count > 0;
        using var counting = new CountingStream(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false));
        using var reader = new StreamReader(counting, Encoding.UTF8, detectEncodingFromByteOrderMarks: false);
        long number = 0;
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            number++;
            if (line.Length == 0)
            {
                continue;
            }

            yield return ParseBulkLine(line, lineType, operation.Id, number);
        }

        if (!encoded && operation.FileSize is { } size && counting.BytesRead != size)
        {
            throw new ShopifyBulkOperationException(
                $"the result file of bulk operation {operation.Id} of channel '{Name}' has {counting.BytesRead.ToString(CultureInfo.InvariantCulture)} bytes; Shopify reported {size.ToString(CultureInfo.InvariantCulture)} (the download was cut).",
                operation.Id, operation.Status, null, hasPartialData: false, isTransient: true);
        }
    }

    private T ParseBulkLine<T>(string line, JsonTypeInfo<T> lineType, string operationId, long number)
    {
        try
        {
            return JsonSerializer.Deserialize(line, lineType)
                ?? throw new JsonException("null line");
        }
        catch (JsonException ex)
        {
            throw new ShopifyBulkOperationException(
                $"line {number.ToString(CultureInfo.InvariantCulture)} of the result of bulk operation {operationId} of channel '{Name}' is not a JSON object of the expected shape: {ex.Message}",
                operationId, "COMPLETED", "MALFORMED_RESPONSE", hasPartialData: false, isTransient: true);
        }
    }

    /// <summary>A read-only stream that counts the bytes read through it (to compare with the operation's <c>fileSize</c>).</summary>
    private sealed class CountingStream(Stream inner) : Stream
    {
        public long BytesRead { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var read = inner.Read(buffer, offset, count);
            BytesRead += read;
            return read;
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            BytesRead += read;
            return read;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
