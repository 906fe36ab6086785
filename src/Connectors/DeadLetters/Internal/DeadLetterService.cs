using System.Runtime.CompilerServices;
using System.Text.Json;
using Connectors.Internal;
using Connectors.Inventory.Internal;
using Connectors.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Connectors.DeadLetters.Internal;

/// <summary>Lists, inspects, replays and discards dead letters over the state store. See <see cref="IDeadLetters"/>.</summary>
internal sealed class DeadLetterService(
    ISyncStateStore store, TimeProvider time, ILogger<DeadLetterService>? logger = null, WorkSignals? signals = null, IOversellWindow? oversell = null) : IDeadLetters
{
    private readonly ILogger _logger = (ILogger?)logger ?? NullLogger.Instance;
    private readonly StoppedOrderWindows _windows = new(store, oversell, (ILogger?)logger ?? NullLogger.Instance);

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
        var now = time.GetUtcNow();
        var replayed = await store.ReplayDeadLetterAsync(id, now, cancellationToken).ConfigureAwait(false);
        if (!replayed
            && await store.GetDeadLetterAsync(id, cancellationToken).ConfigureAwait(false) is { SourceQueue: null } letter
            && string.Equals(letter.Flow, ConnectorFlows.Inventory, StringComparison.Ordinal))
        {
            // An inventory row is not a queue item: its push was parked. Replaying makes the row due now with fresh
            // attempts; the dispatcher pushes its current desired quantity (not the one in the letter, which may be older).
            var key = ReadInventoryKey(letter);
            await store.ResumeInventoryAsync([key], now, cancellationToken).ConfigureAwait(false);
            await store.RemoveDeadLetterAsync(id, cancellationToken).ConfigureAwait(false);
            signals?.Inventory.Notify();
            replayed = true;
        }

        if (replayed)
        {
            Log.DeadLetterAction(_logger, id, "replayed");
        }

        return replayed;
    }

    private static InventoryKey ReadInventoryKey(DeadLetter letter)
    {
        InventoryDeadLetterPayload? payload;
        try
        {
            payload = JsonSerializer.Deserialize(letter.Payload, InventoryJsonContext.Default.InventoryDeadLetterPayload);
        }
        catch (JsonException e)
        {
            throw new ConnectorValidationException([new ValidationError("Payload", $"of inventory dead letter {letter.Id} is not an inventory target ({e.Message}).")], e);
        }

        if (payload is null || string.IsNullOrEmpty(payload.Channel) || string.IsNullOrEmpty(payload.ChannelItemId) || string.IsNullOrEmpty(payload.LocationId))
        {
            throw new ConnectorValidationException("Payload", $"of inventory dead letter {letter.Id} names no channel, item and location.");
        }

        return new InventoryKey(payload.Channel, payload.ChannelItemId, payload.LocationId);
    }

    public async Task<bool> DiscardAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        var letter = await store.GetDeadLetterAsync(id, cancellationToken).ConfigureAwait(false);
        var removed = await store.RemoveDeadLetterAsync(id, cancellationToken).ConfigureAwait(false);
        if (removed)
        {
            // A discarded order will not reach the WMS: its units must not stay held back (a letter stored before
            // dead-lettering ended windows, or whose window was opened again, still had one).
            if (letter is not null)
            {
                await _windows.EndAsync(letter.SourceQueue, letter.Kind, letter.Payload, cancellationToken).ConfigureAwait(false);
            }

            Log.DeadLetterAction(_logger, id, "discarded");
        }

        return removed;
    }
}
