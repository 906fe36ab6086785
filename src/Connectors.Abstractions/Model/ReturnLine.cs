using Connectors.Internal;

namespace Connectors;

/// <summary>Units of one channel order line the buyer asks to return.</summary>
public sealed record ReturnLine
{
    /// <summary>Creates a return line.</summary>
    /// <param name="lineId">The channel order line id.</param>
    /// <param name="quantity">Units to return; greater than zero.</param>
    /// <param name="reason">The buyer's reason.</param>
    /// <param name="channelItemId">The channel item id, where the channel gives it.</param>
    /// <exception cref="ConnectorValidationException">The line id is empty or the quantity is not positive.</exception>
    public ReturnLine(string lineId, int quantity, string? reason = null, string? channelItemId = null)
    {
        LineId = Guard.NotEmpty(lineId, nameof(LineId));
        Quantity = Guard.Positive(quantity, nameof(Quantity));
        Reason = reason;
        ChannelItemId = channelItemId;
    }

    /// <summary>The channel order line id.</summary>
    public string LineId { get; }

    /// <summary>Units to return.</summary>
    public int Quantity { get; }

    /// <summary>The buyer's reason.</summary>
    public string? Reason { get; }

    /// <summary>The channel item id.</summary>
    public string? ChannelItemId { get; }
}
