namespace Connectors;

/// <summary>What happened to one item of a push.</summary>
public enum PushOutcome
{
    /// <summary>The channel now shows the pushed quantity.</summary>
    Applied = 0,

    /// <summary>The channel refused the item for good (unknown item, invalid value); it is dead-lettered.</summary>
    Rejected,

    /// <summary>A passing failure; push it again later.</summary>
    Retry,

    /// <summary>
    /// The channel does not carry the item at this location (Shopify: not stocked there), so nothing was written. It
    /// is reported once per item and location (one dead letter, replaced at later changes), not at every change.
    /// </summary>
    NotListed,
}
