namespace Connectors;

/// <summary>Dead letter counts (a separate part so the member can be read, and implemented, on its own).</summary>
public partial interface IDeadLetterStore
{
    /// <summary>
    /// Counts the dead letters waiting, per channel, without reading them: what a health probe needs. The default
    /// implementation reads every dead letter through <see cref="ListDeadLettersAsync"/>; a store should count in place.
    /// </summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The number of dead letters per channel name (channels without any are absent).</returns>
    async ValueTask<IReadOnlyDictionary<string, int>> CountDeadLettersAsync(CancellationToken cancellationToken = default)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        await foreach (var letter in ListDeadLettersAsync(null, cancellationToken).ConfigureAwait(false))
        {
            counts[letter.Channel] = counts.GetValueOrDefault(letter.Channel) + 1;
        }

        return counts;
    }
}
