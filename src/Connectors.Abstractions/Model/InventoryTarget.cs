using Connectors.Internal;

namespace Connectors;

/// <summary>The quantity a channel should show for one item at one channel location.</summary>
public sealed record InventoryTarget
{
    /// <summary>Creates a target.</summary>
    /// <param name="channelItemId">The channel's item id (as the connector defines it).</param>
    /// <param name="locationId">The channel's location id; connectors without locations use <see cref="InventoryTarget.DefaultLocation"/>.</param>
    /// <param name="quantity">The available-to-sell quantity; not negative.</param>
    /// <param name="sku">The WMS SKU behind the item, for diagnostics.</param>
    /// <exception cref="ConnectorValidationException">A field is missing or the quantity is negative.</exception>
    public InventoryTarget(string channelItemId, string locationId, int quantity, string? sku = null)
    {
        ChannelItemId = Guard.NotEmpty(channelItemId, nameof(ChannelItemId));
        LocationId = Guard.NotEmpty(locationId, nameof(LocationId));
        Quantity = Guard.NotNegative(quantity, nameof(Quantity));
        Sku = sku;
    }

    /// <summary>The location id used by channels that have only one stock location.</summary>
    public const string DefaultLocation = "default";

    /// <summary>The channel's item id.</summary>
    public string ChannelItemId { get; }

    /// <summary>The channel's location id.</summary>
    public string LocationId { get; }

    /// <summary>The quantity the channel should show.</summary>
    public int Quantity { get; }

    /// <summary>The WMS SKU behind the item, for diagnostics.</summary>
    public string? Sku { get; }
}
