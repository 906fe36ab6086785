namespace Connectors;

/// <summary>
/// The items the listing actions set to zero through the inventory flow (<c>ZeroDiscontinued</c>), kept in the state
/// store so the zero survives a restart and every host sharing the store honours it. An optional store capability
/// beside <see cref="ISyncStateStore"/>: with a store that lacks it, the list lives in the engine's memory only.
/// </summary>
/// <remarks>
/// Hosts sharing a store read <see cref="GetZeroedListingVersionAsync"/> at each push pass and read the lists again
/// only when it moved, so a list one host replaces takes effect on every other host's next push pass.
/// </remarks>
public interface IListingZeroStore
{
    /// <summary>Reads a channel's zero list.</summary>
    /// <param name="channel">The channel instance.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The channel item ids, each once, in ordinal order; empty when none was stored.</returns>
    ValueTask<IReadOnlyList<string>> GetZeroedListingItemsAsync(string channel, CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces a channel's zero list with <paramref name="channelItemIds"/> at once (a reader sees the old list or the
    /// new one, never a mix); an empty collection clears it. Other channels' lists are untouched.
    /// </summary>
    /// <param name="channel">The channel instance.</param>
    /// <param name="channelItemIds">The channel item ids; duplicates count once.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the list is stored.</returns>
    /// <exception cref="ConnectorValidationException">An item id is null or empty.</exception>
    ValueTask ReplaceZeroedListingItemsAsync(string channel, IReadOnlyCollection<string> channelItemIds, CancellationToken cancellationToken = default);

    /// <summary>
    /// Reads the zero lists' change counter: one number for the whole store that moves whenever any channel's list is
    /// replaced, read in one cheap call so a host can check it at every push pass.
    /// </summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>
    /// The counter; two equal reads mean no list was replaced in between (a replace that completed before the first read
    /// is in the lists read after it). Zero before the first replace.
    /// </returns>
    ValueTask<long> GetZeroedListingVersionAsync(CancellationToken cancellationToken = default);
}
