namespace Connectors;

/// <summary>
/// The oversell window of one order: units received from a channel and subtracted from every channel's
/// availability until the WMS accepts the order (and counts them as reserved itself).
/// </summary>
public sealed record PendingReservation
{
    /// <summary>The channel instance the order came from.</summary>
    public required string Channel { get; init; }

    /// <summary>The channel's order id.</summary>
    public required string OrderId { get; init; }

    /// <summary>The units held back per SKU.</summary>
    public required IReadOnlyList<ReservedQuantity> Quantities { get; init; }

    /// <summary>When the window opened.</summary>
    public required DateTimeOffset CreatedAt { get; init; }
}
