namespace Connectors;

/// <summary>An open order (not confirmed shipped, not cancelled) close to or past its ship-by.</summary>
public sealed class OrderAtRisk
{
    /// <summary>The channel instance.</summary>
    public required string Channel { get; init; }

    /// <summary>The channel's order id.</summary>
    public required string OrderId { get; init; }

    /// <summary>The ship-by deadline.</summary>
    public required DateTimeOffset ShipBy { get; init; }

    /// <summary>Time left until <see cref="ShipBy"/>; negative when late.</summary>
    public required TimeSpan TimeLeft { get; init; }

    /// <summary>When the order was placed.</summary>
    public DateTimeOffset? PlacedAt { get; init; }

    /// <summary>When the WMS accepted it; <see langword="null"/> when it is not in the WMS (held, refused, not processed yet).</summary>
    public DateTimeOffset? AcceptedAt { get; init; }

    /// <summary>Whether <see cref="ShipBy"/> has passed.</summary>
    public bool IsLate => TimeLeft < TimeSpan.Zero;
}
