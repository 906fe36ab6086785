using Connectors.Internal;

namespace Connectors;

/// <summary>
/// What one channel item is in WMS terms: its components (one for a plain item or pack, several for a bundle),
/// and whether it is on sale. The inventory engine computes its availability from this; the order mapper explodes
/// order lines with it.
/// </summary>
public sealed record ChannelItemDefinition
{
    /// <summary>Creates a definition.</summary>
    /// <param name="channel">The channel instance.</param>
    /// <param name="channelItemId">The channel's item id.</param>
    /// <param name="components">The WMS components; at least one, SKUs distinct.</param>
    /// <param name="onSale">When <see langword="false"/> the engine pushes zero.</param>
    /// <param name="channelSku">The SKU the channel shows, if any.</param>
    /// <exception cref="ConnectorValidationException">A field is missing, there are no components, or a SKU repeats.</exception>
    public ChannelItemDefinition(string channel, string channelItemId, IReadOnlyList<ItemComponent> components, bool onSale = true, string? channelSku = null)
    {
        Channel = Guard.NotEmpty(channel, nameof(Channel));
        ChannelItemId = Guard.NotEmpty(channelItemId, nameof(ChannelItemId));
        Components = Guard.NotNull(components, nameof(Components));
        if (Components.Count == 0)
        {
            throw new ConnectorValidationException(nameof(Components), $"item '{channelItemId}' must have at least one component.");
        }

        for (var i = 1; i < Components.Count; i++)
        {
            for (var j = 0; j < i; j++)
            {
                if (string.Equals(Components[i].Sku, Components[j].Sku, StringComparison.Ordinal))
                {
                    throw new ConnectorValidationException($"Components[{i}].Sku", $"'{Components[i].Sku}' appears more than once.");
                }
            }
        }

        OnSale = onSale;
        ChannelSku = channelSku;
    }

    /// <summary>The channel instance.</summary>
    public string Channel { get; }

    /// <summary>The channel's item id.</summary>
    public string ChannelItemId { get; }

    /// <summary>The WMS components.</summary>
    public IReadOnlyList<ItemComponent> Components { get; }

    /// <summary>When <see langword="false"/> the engine pushes zero.</summary>
    public bool OnSale { get; }

    /// <summary>The SKU the channel shows, if any.</summary>
    public string? ChannelSku { get; }

    /// <summary>Whether the item is one WMS SKU sold one-for-one.</summary>
    public bool IsSimple => Components.Count == 1 && Components[0].QuantityPerUnit == 1m;
}
