namespace Connectors.Mapping.Internal;

/// <summary>A channel's compiled profile and its current item index (swapped whole when a catalogue loads).</summary>
internal sealed class ChannelMappingState(CompiledProfile profile)
{
    private ItemIndex _index = ItemIndex.Build(profile.ExplicitItems);

    public CompiledProfile Profile { get; } = profile;

    public ItemIndex Index => Volatile.Read(ref _index);

    public void ReplaceCatalogue(IEnumerable<ChannelItemDefinition> discovered) =>
        Volatile.Write(ref _index, ItemIndex.Build(Profile.ExplicitItems.Concat(discovered)));
}
