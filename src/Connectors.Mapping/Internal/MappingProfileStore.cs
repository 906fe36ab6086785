using System.Collections.Frozen;
using Microsoft.Extensions.Options;

namespace Connectors.Mapping.Internal;

/// <summary>The compiled profiles of every channel, built once from <see cref="MappingOptions"/>.</summary>
internal sealed class MappingProfileStore
{
    private readonly FrozenDictionary<string, ChannelMappingState> _channels;

    public MappingProfileStore(IOptions<MappingOptions> options, MappingConfigurationRoot root)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(root);
        var value = options.Value;
        var errors = new List<ValidationError>();
        var states = new Dictionary<string, ChannelMappingState>(StringComparer.Ordinal);
        foreach (var (channel, profile) in value.Channels)
        {
            var compiled = ProfileCompiler.Compile(channel, profile, root.Path, errors);
            if (compiled is not null)
            {
                states[channel] = new ChannelMappingState(compiled);
            }
        }

        if (errors.Count > 0)
        {
            throw new ConnectorValidationException(errors);
        }

        DefaultProfile = ProfileCompiler.Compile("*", new Profiles.ChannelMappingProfile(), root.Path, errors)!;
        _channels = states.ToFrozenDictionary(StringComparer.Ordinal);
        IdentityForUnprofiledChannels = value.IdentityForUnprofiledChannels;
    }

    public bool IdentityForUnprofiledChannels { get; }

    /// <summary>The rules (all defaults) for channels mapped by identity.</summary>
    public CompiledProfile DefaultProfile { get; }

    public IEnumerable<string> Channels => _channels.Keys;

    public ChannelMappingState? Find(string channel) => _channels.GetValueOrDefault(channel);

    public ChannelItemDefinition? FindItem(string channel, string channelItemId)
    {
        if (_channels.TryGetValue(channel, out var state))
        {
            return state.Index.ById.TryGetValue(channelItemId, out var item) ? item.Definition : null;
        }

        return IdentityForUnprofiledChannels ? Identity(channel, channelItemId) : null;
    }

    public static ChannelItemDefinition Identity(string channel, string id) => new(channel, id, [new ItemComponent(id, 1m)], onSale: true, channelSku: id);
}
