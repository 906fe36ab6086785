using Connectors.Mapping.Profiles;

namespace Connectors.Mapping;

/// <summary>
/// The mapping profiles of a host, one per channel instance, bound from configuration (for example the
/// <c>Mapping</c> section of appsettings) or written in code. Validated when the host starts.
/// </summary>
public sealed class MappingOptions
{
    /// <summary>The profile of each channel instance, by channel name (for example <c>store-a</c>).</summary>
    /// <value>Empty by default: a channel without a profile has no mapped items.</value>
    public IDictionary<string, ChannelMappingProfile> Channels { get; } = new Dictionary<string, ChannelMappingProfile>(StringComparer.Ordinal);

    /// <summary>
    /// Whether a channel without a profile maps one-for-one (channel item id = WMS SKU), as the engine's identity mapping
    /// does. When <see langword="false"/> its items are unmapped and its orders fail mapping with a clear error.
    /// </summary>
    /// <value><see langword="false"/> by default.</value>
    public bool IdentityForUnprofiledChannels { get; set; }
}
