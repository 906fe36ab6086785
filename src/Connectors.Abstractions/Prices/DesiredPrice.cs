namespace Connectors;

/// <summary>A new desired price for a price row, as the engine derived it from the base prices and the channel's rules.</summary>
public sealed record DesiredPrice
{
    /// <summary>The row; its currency must be the price's.</summary>
    public required PriceKey Key { get; init; }

    /// <summary>What the channel should show.</summary>
    public required ChannelPrice Price { get; init; }

    /// <summary>The WMS SKU behind a single-component item, for diagnostics; <see langword="null"/> for a bundle.</summary>
    public string? Sku { get; init; }

    /// <summary>
    /// Why this change must wait for a person (see <see cref="IPriceStore.ReleaseHeldPriceAsync"/>), or
    /// <see langword="null"/> to push it. Applies only when the desired price changes.
    /// </summary>
    public string? HoldReason { get; init; }
}
