using Connectors.Internal;

namespace Connectors;

/// <summary>What the engine tells a channel after the warehouse took (or refused, or holds) an order.</summary>
public sealed record OrderAcknowledgement
{
    /// <summary>Creates an acknowledgement.</summary>
    /// <param name="channelOrderId">The channel's order id.</param>
    /// <param name="decision">Released to the WMS, held, or rejected.</param>
    /// <param name="warehouseReference">The WMS reference, when released.</param>
    /// <param name="note">A note for the merchant (why held or rejected).</param>
    /// <exception cref="ConnectorValidationException">The order id is empty.</exception>
    public OrderAcknowledgement(string channelOrderId, ReleaseDecision decision, string? warehouseReference = null, string? note = null)
    {
        ChannelOrderId = Guard.NotEmpty(channelOrderId, nameof(ChannelOrderId));
        Decision = decision;
        WarehouseReference = warehouseReference;
        Note = note;
    }

    /// <summary>The channel's order id.</summary>
    public string ChannelOrderId { get; }

    /// <summary>Released, held or rejected.</summary>
    public ReleaseDecision Decision { get; }

    /// <summary>The WMS reference, when released.</summary>
    public string? WarehouseReference { get; }

    /// <summary>A note for the merchant.</summary>
    public string? Note { get; }
}
