namespace Connectors.Inventory.Internal;

/// <summary>How a channel's locations derive from the WMS's.</summary>
internal enum LocationMode
{
    /// <summary>WMS location ids are the channel's (a multi-location channel without a mapping).</summary>
    Identity = 0,

    /// <summary>Every WMS location adds up at <see cref="InventoryTarget.DefaultLocation"/>.</summary>
    Single,

    /// <summary>The configured mapping.</summary>
    Mapped,
}
