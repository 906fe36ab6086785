namespace Connectors;

/// <summary>The engine's memory of one order: the last version handled, its status and the WMS reference.</summary>
public sealed record OrderRecord
{
    /// <summary>The channel instance.</summary>
    public required string Channel { get; init; }

    /// <summary>The channel's order id.</summary>
    public required string OrderId { get; init; }

    /// <summary>The <see cref="ChannelOrder.UpdatedAt"/> last handled; older deliveries are ignored.</summary>
    public required DateTimeOffset Version { get; init; }

    /// <summary>Where it stands.</summary>
    public required OrderRecordStatus Status { get; init; }

    /// <summary>The WMS reference, once accepted.</summary>
    public string? WarehouseReference { get; init; }

    /// <summary>The last warehouse order sent (serialized), to diff changes against.</summary>
    public string? Payload { get; init; }

    /// <summary>When the record last changed.</summary>
    public required DateTimeOffset UpdatedAt { get; init; }
}
