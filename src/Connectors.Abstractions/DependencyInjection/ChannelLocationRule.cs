namespace Connectors;

/// <summary>
/// How a channel names its stock locations, when that is a platform format a WMS location id cannot be assumed to
/// have (Shopify's Location GIDs). A registration that carries one (<see cref="ChannelRegistration.LocationRule"/>)
/// needs a location mapping for its inventory, and every mapped channel location is checked against
/// <see cref="IsValid"/> when the host starts, so a missing or misspelt mapping fails there instead of
/// dead-lettering every stock level at run time.
/// </summary>
public sealed class ChannelLocationRule
{
    /// <summary>What a valid location id looks like and where to find the channel's ids, for the start-up message.</summary>
    /// <value>Required; for example <c>a Location GID such as gid://shopify/Location/123</c>.</value>
    public required string Description { get; init; }

    /// <summary>Whether a channel location id has the channel's format.</summary>
    /// <value>Required.</value>
    public required Func<string, bool> IsValid { get; init; }
}
