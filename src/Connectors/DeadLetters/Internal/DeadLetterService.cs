using System.Runtime.CompilerServices;
using Connectors.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Connectors.DeadLetters.Internal;

/// <summary>Lists, inspects, replays and discards dead letters over the state store. See <see cref="IDeadLetters"/>.</summary>
internal sealed class DeadLetterService(ISyncStateStore store, TimeProvider time, ILogger<DeadLetterService>? logger = null) : IDeadLetters
{
    private readonly ILogger _logger = (ILogger?)logger ?? NullLogger.Instance;

    public async IAsyncEnumerable<DeadLetter> ListAsync(string? channel = null, string? flow = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var letter in store.ListDeadLettersAsync(channel, cancellationToken).ConfigureAwait(false))
        {
            if (flow is null || string.Equals(letter.Flow, flow, StringComparison.Ordinal))
            {
                yield return letter;
            }
        }
    }

    public async Task<DeadLetter?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        return await store.GetDeadLetterAsync(id, cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> ReplayAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        var replayed = await store.ReplayDeadLetterAsync(id, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        if (replayed)
        {
            Log.DeadLetterAction(_logger, id, "replayed");
        }

        return replayed;
    }

    public async Task<bool> DiscardAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        var removed = await store.RemoveDeadLetterAsync(id, cancellationToken).ConfigureAwait(false);
        if (removed)
        {
            Log.DeadLetterAction(_logger, id, "discarded");
        }

        return removed;
    }
}
