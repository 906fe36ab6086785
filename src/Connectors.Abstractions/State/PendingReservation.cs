namespace Connectors;

/// <summary>
/// The oversell window of one order: units received from a channel and subtracted from every channel's
/// availability until the WMS accepts the order (and counts them as reserved itself).
/// </summary>
/// <param name="Channel">The channel instance the order came from.</param>
/// <param name="OrderId">The channel's order id.</param>
/// <param name="Quantities">The units held back per SKU.</param>
/// <param name="CreatedAt">When the window opened.</param>
public sealed record PendingReservation(string Channel, string OrderId, IReadOnlyList<ReservedQuantity> Quantities, DateTimeOffset CreatedAt);
