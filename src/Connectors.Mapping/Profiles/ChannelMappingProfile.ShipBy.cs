namespace Connectors.Mapping.Profiles;

/// <summary>The ship-by part of a channel profile.</summary>
public sealed partial class ChannelMappingProfile
{
    /// <summary>Where the warehouse order's ship-by deadline comes from: the channel's, or a handling-time rule.</summary>
    public ShipByRules ShipBy { get; set; } = new();
}
