using System.Text;
using System.Text.Json;
using Connectors.Shopify.Internal.Json;

namespace Connectors.Shopify.Internal;

/// <summary>
/// Prices of many products as one bulk mutation (<see cref="ShopifyOptions.BulkPriceProductThreshold"/>): the variables
/// of each <c>productVariantsBulkUpdate</c> call, one JSONL line per call, uploaded to a staged target
/// (<c>stagedUploadsCreate</c>, resource <c>BULK_MUTATION_VARIABLES</c>, multipart POST), then
/// <c>bulkOperationRunMutation</c> with the same mutation and the upload's <c>key</c> as <c>stagedUploadPath</c>, polled like
/// a bulk query; each line of the result is the answer to one input line (<c>__lineNumber</c>), judged per variant as a
/// call's answer is.
/// </summary>
internal sealed partial class ShopifyChannel
{
    private const string BulkPricesName = "prices";

    /// <summary>
    /// The outcomes per call (in the order of <paramref name="calls"/>), or null when the bulk path could not start (the
    /// staging failed, or the shop's bulk mutations are at their limit): the caller then sends the calls one by one.
    /// </summary>
    private async Task<List<(int Target, PricePushItemResult? Failure)>[]?> PushPricesInBulkAsync(
        (string Product, (int Target, VariantPriceInput Input)[] Chunk)[] calls, IReadOnlyList<PriceTarget> targets, string?[] items, CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        foreach (var (product, chunk) in calls)
        {
            text.Append(JsonSerializer.Serialize(new ProductVariantsBulkUpdateVariables(product, [.. chunk.Select(c => c.Input)]), ShopifyJsonContext.Default.ProductVariantsBulkUpdateVariables)).Append('\n');
        }

        var path = await StageAsync(Encoding.UTF8.GetBytes(text.ToString()), cancellationToken).ConfigureAwait(false);
        if (path is null)
        {
            return null;
        }

        var outcomes = new List<(int Target, PricePushItemResult? Failure)>?[calls.Length];
        try
        {
            var data = await _client.SendAsync(
                GraphDocuments.BulkOperationRunMutation,
                new BulkOperationRunMutationVariables(GraphDocuments.Get(GraphDocuments.ProductVariantsBulkUpdate), path),
                ShopifyJsonContext.Default.BulkOperationRunMutationVariables,
                ShopifyJsonContext.Default.GraphResponseBulkOperationRunMutationData,
                cancellationToken).ConfigureAwait(false);
            var payload = data.BulkOperationRunMutation;
            if (payload?.UserErrors is { Count: > 0 } errors)
            {
                var error = errors[0];
                if (error.Code is { } code && BulkConcurrencyCodes.Contains(code, StringComparer.Ordinal))
                {
                    Log.BulkReadFallback(_logger, Name, BulkPricesName, code, error.Message ?? "refused");
                    return null;
                }

                throw new ShopifyBulkOperationException(
                    $"bulkOperationRunMutation (prices) on channel '{Name}' was refused: {error.Message} (code {error.Code ?? "none"}).", null, null, error.Code, hasPartialData: false, isTransient: false);
            }

            var operation = payload?.BulkOperation
                ?? throw new ShopifyBulkOperationException($"bulkOperationRunMutation (prices) on channel '{Name}' returned neither an operation nor a user error.", null, null, null, hasPartialData: false, isTransient: true);
            operation = await WaitForBulkOperationAsync(operation, BulkPricesName, cancellationToken).ConfigureAwait(false);
            Log.BulkOperationCompleted(_logger, Name, operation.Id, BulkPricesName, operation.ObjectCount, operation.FileSize);
            var next = 0;
            await foreach (var line in ReadBulkLinesAsync(operation, ShopifyJsonContext.Default.BulkPriceResultLine, cancellationToken).ConfigureAwait(false))
            {
                // __lineNumber names the input line; without it (assumed not to happen) the result is taken in input order.
                var index = line.LineNumber ?? next;
                next = index + 1;
                if (index < 0 || index >= calls.Length)
                {
                    continue;
                }

                var (product, chunk) = calls[index];
                outcomes[index] = line.Errors is { Count: > 0 } lineErrors
                    ? [.. chunk.Select(c => (c.Target, (PricePushItemResult?)PricePushItemResult.Retry(targets[c.Target], $"productVariantsBulkUpdate of product {product} in bulk answered: {lineErrors[0].Message}")))]
                    : line.Data?.ProductVariantsBulkUpdate is { } answer
                        ? JudgePrices(product, chunk, answer, targets, items)
                        : [.. chunk.Select(c => (c.Target, (PricePushItemResult?)PricePushItemResult.Retry(targets[c.Target], $"the bulk result line of product {product} has no productVariantsBulkUpdate payload.")))];
            }
        }
        catch (ConnectorException ex) when (!cancellationToken.IsCancellationRequested)
        {
            // The whole operation failed (or its result could not be read): every call not judged yet gets the failure.
            for (var i = 0; i < calls.Length; i++)
            {
                outcomes[i] ??= Failed(calls[i].Chunk, targets, ex);
            }
        }

        return [.. outcomes.Select((o, i) => o ?? [.. calls[i].Chunk.Select(c => (c.Target, (PricePushItemResult?)PricePushItemResult.Retry(targets[c.Target], $"The bulk price mutation's result has no line for product {calls[i].Product}.")))])];
    }

    /// <summary>Uploads the variables file to a staged target; its staged upload path (the <c>key</c> parameter), or null when staging failed (logged).</summary>
    private async Task<string?> StageAsync(byte[] file, CancellationToken cancellationToken)
    {
        const string fileName = "prices.jsonl";
        const string mimeType = "text/jsonl";
        try
        {
            var data = await _client.SendAsync(
                GraphDocuments.StagedUploadsCreate,
                new StagedUploadsCreateVariables([new StagedUploadInput("BULK_MUTATION_VARIABLES", fileName, mimeType, "POST")]),
                ShopifyJsonContext.Default.StagedUploadsCreateVariables,
                ShopifyJsonContext.Default.GraphResponseStagedUploadsCreateData,
                cancellationToken).ConfigureAwait(false);
            var payload = data.StagedUploadsCreate;
            if (payload?.UserErrors is { Count: > 0 } errors)
            {
                Log.BulkReadFallback(_logger, Name, BulkPricesName, "STAGED_UPLOAD_REFUSED", errors[0].Message ?? "refused");
                return null;
            }

            if (payload?.StagedTargets is not [{ Url: { } url } target, ..]
                || !Uri.TryCreate(url, UriKind.Absolute, out var address) || address.Scheme is not ("https" or "http")
                || target.Parameters?.FirstOrDefault(p => p.Name == "key")?.Value is not { Length: > 0 } key)
            {
                Log.BulkReadFallback(_logger, Name, BulkPricesName, "STAGED_UPLOAD_REFUSED", "stagedUploadsCreate returned no target with an absolute URL and a key");
                return null;
            }

            await _client.UploadStagedAsync(address, target.Parameters, file, fileName, mimeType, cancellationToken).ConfigureAwait(false);
            return key;
        }
        catch (ConnectorException ex) when (ex.IsTransient && !cancellationToken.IsCancellationRequested)
        {
            Log.BulkReadFallback(_logger, Name, BulkPricesName, (ex as ConnectorRequestFailedException)?.ErrorCode, ex.Message);
            return null;
        }
    }
}
