using Connectors.Internal;

namespace Connectors;

/// <summary>Units of one channel order line covered by a fulfilment.</summary>
public sealed record FulfillmentLine
{
    /// <summary>Creates a fulfilment line.</summary>
    /// <param name="lineId">The channel order line id.</param>
    /// <param name="quantity">Units shipped, in the channel's selling units; greater than zero.</param>
    /// <exception cref="ConnectorValidationException">The line id is empty or the quantity is not positive.</exception>
    public FulfillmentLine(string lineId, int quantity)
    {
        LineId = Guard.NotEmpty(lineId, nameof(LineId));
        Quantity = Guard.Positive(quantity, nameof(Quantity));
    }

    /// <summary>The channel order line id.</summary>
    public string LineId { get; }

    /// <summary>Units shipped.</summary>
    public int Quantity { get; }
}
