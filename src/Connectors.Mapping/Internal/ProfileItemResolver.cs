using System.Runtime.CompilerServices;

namespace Connectors.Mapping.Internal;

/// <summary>The profile-backed <see cref="IItemResolver"/>: explicit mappings, bundles and the loaded catalogue.</summary>
internal sealed class ProfileItemResolver(MappingProfileStore store) : IItemResolver
{
    public ValueTask<ChannelItemDefinition?> FindByChannelItemAsync(string channel, string channelItemId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentNullException.ThrowIfNull(channelItemId);
        return ValueTask.FromResult(store.FindItem(channel, channelItemId));
    }

    public ValueTask<IReadOnlyList<ChannelItemDefinition>> FindBySkuAsync(string channel, string sku, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentNullException.ThrowIfNull(sku);
        var state = store.Find(channel);
        if (state is null)
        {
            return ValueTask.FromResult<IReadOnlyList<ChannelItemDefinition>>(
                store.IdentityForUnprofiledChannels ? [MappingProfileStore.Identity(channel, sku)] : []);
        }

        return ValueTask.FromResult<IReadOnlyList<ChannelItemDefinition>>(state.Index.BySku.TryGetValue(sku, out var items) ? items : []);
    }

    public async IAsyncEnumerable<ChannelItemDefinition> ListAsync(string channel, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(channel);
        var state = store.Find(channel);
        if (state is null)
        {
            yield break;
        }

        foreach (var item in state.Index.All)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return item;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }
}
