using Connectors.Internal;

namespace Connectors;

/// <summary>A shipment as the channel should record it: channel order lines, carrier and tracking.</summary>
public sealed record FulfillmentRequest
{
    /// <summary>Creates a fulfilment request.</summary>
    /// <param name="channelOrderId">The channel's order id.</param>
    /// <param name="lines">The channel lines and quantities shipped; at least one.</param>
    /// <param name="idempotencyKey">Makes a retried request create one fulfilment; the engine uses the WMS shipment id.</param>
    /// <param name="carrier">The carrier name.</param>
    /// <param name="tracking">Tracking per parcel.</param>
    /// <param name="notifyCustomer">Whether the channel should e-mail the buyer.</param>
    /// <exception cref="ConnectorValidationException">A field is missing, there are no lines, or a line repeats.</exception>
    public FulfillmentRequest(
        string channelOrderId,
        IReadOnlyList<FulfillmentLine> lines,
        string idempotencyKey,
        string? carrier = null,
        IReadOnlyList<TrackingInfo>? tracking = null,
        bool notifyCustomer = true)
    {
        ChannelOrderId = Guard.NotEmpty(channelOrderId, nameof(ChannelOrderId));
        Lines = Guard.NotNull(lines, nameof(Lines));
        if (Lines.Count == 0)
        {
            throw new ConnectorValidationException(nameof(Lines), "must hold at least one line.");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Lines.Count; i++)
        {
            if (!seen.Add(Lines[i].LineId))
            {
                throw new ConnectorValidationException($"Lines[{i}].LineId", $"'{Lines[i].LineId}' appears more than once.");
            }
        }

        IdempotencyKey = Guard.NotEmpty(idempotencyKey, nameof(IdempotencyKey));
        Carrier = carrier;
        Tracking = Guard.List(tracking);
        NotifyCustomer = notifyCustomer;
    }

    /// <summary>The channel's order id.</summary>
    public string ChannelOrderId { get; }

    /// <summary>The channel lines and quantities shipped.</summary>
    public IReadOnlyList<FulfillmentLine> Lines { get; }

    /// <summary>Makes a retried request create one fulfilment.</summary>
    public string IdempotencyKey { get; }

    /// <summary>The carrier name.</summary>
    public string? Carrier { get; }

    /// <summary>Tracking per parcel.</summary>
    public IReadOnlyList<TrackingInfo> Tracking { get; }

    /// <summary>Whether the channel should e-mail the buyer.</summary>
    public bool NotifyCustomer { get; }

    /// <summary>
    /// The channel locations the goods may have left from, mapped from <see cref="WarehouseShipment.WarehouseLocation"/>
    /// (several when one WMS location feeds several channel locations); empty when unknown. A channel that records
    /// fulfilments per location fulfils only what is assigned to one of these.
    /// </summary>
    /// <value>Default empty.</value>
    public IReadOnlyList<string> ChannelLocationIds { get; init; } = [];
}
