namespace Connectors;

/// <summary>How much of an order the channel shows as shipped.</summary>
public enum FulfillmentStatus
{
    /// <summary>Nothing is shipped.</summary>
    Unfulfilled = 0,

    /// <summary>Some lines or units are shipped.</summary>
    PartiallyFulfilled,

    /// <summary>Every unit is shipped.</summary>
    Fulfilled,
}
