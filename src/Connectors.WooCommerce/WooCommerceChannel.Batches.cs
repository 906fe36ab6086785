using Connectors.WooCommerce.Internal;
using Connectors.WooCommerce.Internal.Dto;
using Connectors.WooCommerce.Internal.Json;

namespace Connectors.WooCommerce;

/// <summary>
/// The batch path stock and price pushes share: targets grouped per endpoint (<c>products/batch</c>; each variable
/// product's <c>variations/batch</c>), cut into batches of <see cref="BatchLimit"/>, sent
/// <see cref="WooCommerceOptions.MaxConcurrency"/> at a time, a 413 learnt and the batch re-sent in halves, and every
/// item's answer handed back to the flow that sent it.
/// </summary>
public sealed partial class WooCommerceChannel
{
    /// <summary>
    /// Sends every group (key 0: simple products; otherwise the parent product of variations) in batches, and reports each
    /// item through <paramref name="job"/>. Authentication failures and an untrusted certificate throw.
    /// </summary>
    private async Task SendBatchesAsync(Dictionary<long, List<(int Index, long Id)>> groups, BatchJob job, CancellationToken cancellationToken)
    {
        var chunks = new List<(string Path, List<(int Index, long Id)> Items)>();
        foreach (var (parent, items) in groups)
        {
            var path = parent == 0 ? "products/batch" : $"products/{Id(parent)}/variations/batch";
            chunks.AddRange(items.Chunk(BatchLimit).Select(c => (path, c.ToList())));
        }

        // Twice as many chunks in preparation as requests allowed on the wire: the shop's throttle (one per channel) keeps
        // MaxConcurrency requests in flight, and the other workers build their next batch and read their last answer
        // meanwhile, so a freed slot is taken at once instead of after the client's own CPU work.
        await Parallel.ForEachAsync(
            chunks,
            new ParallelOptions { MaxDegreeOfParallelism = 2 * _client.Options.MaxConcurrency, CancellationToken = cancellationToken },
            async (chunk, ct) => await SendChunkAsync(chunk.Path, chunk.Items, job, ct).ConfigureAwait(false)).ConfigureAwait(false);
    }

    private async Task SendChunkAsync(string path, List<(int Index, long Id)> items, BatchJob job, CancellationToken cancellationToken)
    {
        var request = new WooBatchRequest { Update = items.Select(i => job.Update(i.Index, i.Id)).ToList() };
        WooBatchResponse response;
        try
        {
            response = await _client.SendAsync(HttpMethod.Post, path, request, WooJsonContext.Default.WooBatchRequest, WooJsonContext.Default.WooBatchResponse, cancellationToken).ConfigureAwait(false);
        }
        catch (ConnectorAuthenticationException)
        {
            throw;
        }
        catch (ConnectorRequestFailedException ex) when (ex.ErrorCode == TrustedCertificate.UntrustedErrorCode)
        {
            throw; // configuration: the whole push fails once, not item by item
        }
        catch (ConnectorRequestFailedException ex) when (items.Count > 1 && ex.StatusCode == 413)
        {
            // The shop's limit is lower than ours: learn it (its message names it) once for every later push, and re-send.
            // A limit the message names at or above this batch's size is not believable (a proxy's 413, a plugin's
            // message): halve instead, so the batch always gets smaller.
            var named = ReadBatchLimit(ex.Message);
            var limit = named is { } n && n < items.Count ? n : items.Count / 2;
            LearnBatchLimit(Math.Max(1, limit));
            Log.BatchTooLarge(_logger, Name, items.Count);
            var size = BatchLimit;
            await Task.WhenAll(items.Chunk(size).Select(c => SendChunkAsync(path, [.. c], job, cancellationToken))).ConfigureAwait(false);
            return;
        }
        catch (ConnectorRequestFailedException ex) when (items.Count > 1 && !ex.IsTransient && ex is not ConnectorNotFoundException)
        {
            // Another whole-batch refusal: split to isolate the item it is about.
            var half = items.Count / 2;
            await SendChunkAsync(path, items[..half], job, cancellationToken).ConfigureAwait(false);
            await SendChunkAsync(path, items[half..], job, cancellationToken).ConfigureAwait(false);
            return;
        }
        catch (ConnectorRequestFailedException ex)
        {
            foreach (var (index, _) in items)
            {
                job.Failed(index, ex);
            }

            return;
        }

        var answered = new Dictionary<long, Queue<WooBatchItem>>();
        foreach (var item in response.Update)
        {
            if (!answered.TryGetValue(item.Id, out var queue))
            {
                answered[item.Id] = queue = new Queue<WooBatchItem>();
            }

            queue.Enqueue(item);
        }

        foreach (var (index, id) in items)
        {
            job.Answered(index, id, path, answered.TryGetValue(id, out var queue) && queue.TryDequeue(out var item) ? item : null);
        }
    }

    /// <summary>What one flow does with the shared batch path.</summary>
    /// <param name="Update">Builds the update of the target at an index, for an item id.</param>
    /// <param name="Failed">Records a whole-request failure for the target at an index.</param>
    /// <param name="Answered">Records the answer for the target at an index (id, endpoint, the item's answer or null when none came back).</param>
    private sealed record BatchJob(
        Func<int, long, WooBatchUpdate> Update,
        Action<int, ConnectorRequestFailedException> Failed,
        Action<int, long, string, WooBatchItem?> Answered);
}
